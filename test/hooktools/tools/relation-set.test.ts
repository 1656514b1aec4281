import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { NeedClientStepError } from '../../../core/tool-io.js';
import { RelationSetCommand } from '../../../hooktools/tools/relation-set.js';
import { JujuSimError } from '../../../core/errors.js';
import { fakeLeadership } from '../fakes/leadership.js';
import { fakeRelations, type FakeRelationsSpec } from '../fakes/relations.js';
import { runWith } from '../fakes/run.js';

type Hook = Pick<FakeRelationsSpec, 'hookRelation'> & { leader?: boolean | Error };

// wordpress/0 in db:3 (with mysql) and cluster:1 (peers). Its unit databag in db:3 holds `base`.
function context({ hookRelation, leader = false }: Hook = { hookRelation: 3 }) {
  const leadership = fakeLeadership(leader);
  const relations = fakeRelations(
    [
      { id: 3, endpoint: 'db', remoteApp: 'mysql', bags: { 'wordpress/0': { base: 'value' }, wordpress: { token: 'abc' } } },
      { id: 1, endpoint: 'cluster', remoteApp: 'wordpress', peer: true },
    ],
    { unit: 'wordpress/0', isLeader: leadership.isLeader, hookRelation },
  );
  return { ...leadership, ...relations };
}

interface Case {
  name: string;
  hook?: Hook;
  args: string[];
  /** Written to `settings.yaml` in the caller's directory before the run. */
  file?: string;
  stdin?: string;
  stdout?: string;
  stderr?: string;
  code?: number;
  /** The writes buffered in relation 3 (or `relation`), deletions as ''. */
  unit?: Record<string, string>;
  app?: Record<string, string>;
  relation?: number;
}

const usage = (message: string): Partial<Case> => ({ stderr: `ERROR ${message}\n`, code: 2 });
const failure = (message: string): Partial<Case> => ({ stderr: `ERROR ${message}\n`, code: 1 });

const cases: Case[] = [
  { name: 'no pairs is valid and changes nothing', args: [] },
  { name: 'no relation outside a relation hook', hook: {}, args: ['a=b'], ...usage('no relation id specified') },
  { name: '-r one', hook: {}, args: ['-r', 'one'], ...usage('invalid value "one" for option -r: invalid relation id') },
  { name: '-r one in a relation hook', args: ['-r', 'one'], ...usage('invalid value "one" for option -r: invalid relation id') },
  {
    name: '-r ignored:one',
    args: ['-r', 'ignored:one'],
    ...usage('invalid value "ignored:one" for option -r: invalid relation id'),
  },
  { name: '-r 2', hook: {}, args: ['-r', '2'], ...usage('invalid value "2" for option -r: relation not found') },
  {
    name: '-r db:99 (reference vector)',
    args: ['-r', 'db:99', 'k=v'],
    ...usage('invalid value "db:99" for option -r: relation not found'),
  },
  { name: '-r 1 picks another relation', args: ['-r', '1', 'k=v'], relation: 1, unit: { k: 'v' } },
  { name: '-r3', hook: {}, args: ['-r3', 'k=v'], unit: { k: 'v' } },
  { name: '-r ignored:3', hook: {}, args: ['-r', 'ignored:3', 'k=v'], unit: { k: 'v' } },
  { name: '--relation=db:3', hook: {}, args: ['--relation=db:3', 'k=v'], unit: { k: 'v' } },
  { name: '-r=3 is not an id', hook: {}, args: ['-r=3', 'k=v'], ...usage('invalid value "=3" for option -r: invalid relation id') },

  // key=value arguments.
  { name: 'not a pair (reference vector)', args: ['foo'], ...usage('expected "key=value", got "foo"') },
  { name: 'empty key', args: ['=haha'], ...usage('expected "key=value", got "=haha"') },
  { name: 'duplicate key', args: ['k=1', 'k=2'], ...usage('key "k" specified more than once') },
  { name: 'empty value deletes', args: ['base='], unit: { base: '' } },
  { name: 'value kept verbatim', args: ["foo='", 'bar=a=b=c', 'baz=foo: bar'], unit: { foo: "'", bar: 'a=b=c', baz: 'foo: bar' } },
  { name: 'values are strings', args: ['n=123', 'b=true', 'f=4.5', 'e='], unit: { n: '123', b: 'true', f: '4.5', e: '' } },
  { name: 'options after pairs', hook: {}, args: ['k=v', '-r', '3'], unit: { k: 'v' } },
  { name: 'pairs after --', args: ['--', '--app=x'], unit: { '--app': 'x' } },

  // --app.
  {
    name: '--app by a non-leader (reference vector)',
    hook: { hookRelation: 3, leader: false },
    args: ['--app', 'k=v'],
    ...failure('cannot write relation settings'),
  },
  { name: '--app by the leader', hook: { hookRelation: 3, leader: true }, args: ['--app', 'k=v', 'token='], app: { k: 'v', token: '' } },
  { name: '--app=True', hook: { hookRelation: 3, leader: true }, args: ['--app=True', 'k=v'], app: { k: 'v' } },
  { name: '--app=false', hook: { hookRelation: 3, leader: false }, args: ['--app=false', 'k=v'], unit: { k: 'v' } },
  {
    name: '--app with leadership unknown',
    hook: { hookRelation: 3, leader: new JujuSimError('lease expired') },
    args: ['--app', 'k=v'],
    ...failure('cannot determine leadership status: lease expired'),
  },

  // Deprecated --format.
  {
    name: '--format is accepted and ignored',
    args: ['--format', 'foo', 'rel='],
    stderr: '--format flag deprecated for command "relation-set"',
    unit: { rel: '' },
  },
  { name: 'an empty --format says nothing', args: ['--format=', 'k=v'], unit: { k: 'v' } },

  // --file.
  { name: 'file: flow map', args: ['--file', 'settings.yaml'], file: '{foo: bar, spam: eggs}', unit: { foo: 'bar', spam: 'eggs' } },
  {
    name: 'file: block map, scalars as written',
    args: ['--file', 'settings.yaml'],
    file: 'n: 0x1F\nf: 1.50\nb: yes\nt: 2001-12-14\nq: "quoted"\ns: \'single\'\nlit: |\n  two\n  lines\n',
    unit: { n: '0x1F', f: '1.50', b: 'yes', t: '2001-12-14', q: 'quoted', s: 'single', lit: 'two\nlines\n' },
  },
  {
    name: 'file: JSON',
    args: ['--file', 'settings.yaml'],
    file: '{"a": "1", "b": 2, "c": true, "d": "caf\\u00e9 \\"x\\""}',
    unit: { a: '1', b: '2', c: 'true', d: 'café "x"' },
  },
  { name: 'file: null deletes', args: ['--file', 'settings.yaml'], file: '{"base": null, "x": ~, "y":}', unit: { base: '', x: '', y: '' } },
  {
    name: 'file: a messy file',
    args: ['--file', 'settings.yaml'],
    file: '\n {  \n # a comment \n\n  \nfoo: bar,  \nham: eggs,\n\n  good: bad,\nup: down, left: right\n}\n',
    unit: { foo: 'bar', ham: 'eggs', good: 'bad', up: 'down', left: 'right' },
  },
  { name: 'file: empty', args: ['--file', 'settings.yaml'], file: '' },
  { name: 'file: only a comment', args: ['--file', 'settings.yaml'], file: '# nothing\n' },
  { name: 'file: empty map', args: ['--file', 'settings.yaml'], file: '{}' },
  { name: 'file: null document', args: ['--file', 'settings.yaml'], file: 'null\n' },
  { name: 'file: only the first document', args: ['--file', 'settings.yaml'], file: '{a: b}\n{c: d}', unit: { a: 'b' } },
  { name: 'file: only the first of several documents', args: ['--file', 'settings.yaml'], file: 'a: b\n---\n[: junk', unit: { a: 'b' } },
  { name: 'file: pairs override it', args: ['--file', 'settings.yaml', 'foo=bar'], file: '{foo: baz, ham: eggs}', unit: { foo: 'bar', ham: 'eggs' } },
  { name: 'file: pairs may delete its keys', args: ['foo=', '--file', 'settings.yaml'], file: '{foo: baz}', unit: { foo: '' } },
  { name: 'file: anchors and merge keys', args: ['--file', 'settings.yaml'], file: 'a: &x one\nb: *x\n<<: {c: two, a: three}\n', unit: { a: 'three', b: 'one', c: 'two' } },
  { name: 'file: binary', args: ['--file', 'settings.yaml'], file: 'k: !!binary aGVsbG8=\n', unit: { k: 'hello' } },
  {
    // yaml.v2 keeps only the line breaks that are there: none after the last line of the input.
    name: 'file: a block scalar ending the file without a line break',
    args: ['--file', 'settings.yaml'],
    file: 'cert: |\n  line 1\n  line 2\nkeep: |+\n  x\n\nfolded: >\n  a\n  b',
    unit: { cert: 'line 1\nline 2\n', keep: 'x\n\n', folded: 'a b' },
  },
  {
    name: 'file: the same block scalar as the whole document',
    args: ['--file', 'settings.yaml'],
    file: '--- |\n  x',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `x` into map[string]string'),
  },
  {
    name: 'file: the command-line form',
    args: ['--file', 'settings.yaml'],
    file: 'foo=bar ham=eggs good=bad',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `foo=bar...` into map[string]string'),
  },
  {
    name: 'file: a scalar',
    args: ['--file', 'settings.yaml'],
    file: 'haha',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `haha` into map[string]string'),
  },
  {
    name: 'file: a number',
    args: ['--file', 'settings.yaml'],
    file: '\n42\n',
    ...failure('yaml: unmarshal errors:\n  line 2: cannot unmarshal !!int `42` into map[string]string'),
  },
  {
    name: 'file: a list',
    args: ['--file', 'settings.yaml'],
    file: '[haha]',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]string'),
  },
  {
    name: 'file: nested values',
    args: ['--file', 'settings.yaml'],
    file: 'a: [1, 2]\nok: yes\nb:\n  c: d\n',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string\n  line 4: cannot unmarshal !!map into string'),
  },
  {
    name: 'file: a tag that does not fit',
    args: ['--file', 'settings.yaml'],
    file: 'a: !!int abc\n',
    ...failure('yaml: cannot decode !!str `abc` as a !!int'),
  },
  // Juju's fork of yaml.v2 resolves scalars by its own rules (hooktools/yaml-resolve.ts).
  {
    name: 'file: the fork reads 1e5 as a string',
    args: ['--file', 'settings.yaml'],
    file: 'a: !!float 1e5\n',
    ...failure('yaml: cannot decode !!str `1e5` as a !!float'),
  },
  {
    name: 'file: a float with an underscore after the point',
    args: ['--file', 'settings.yaml'],
    file: 'a: !!float .5_0\nb: !!timestamp 2001-01-01T00:00:00,5Z\n',
    unit: { a: '.5_0', b: '2001-01-01T00:00:00,5Z' },
  },
  {
    name: 'file: a date that is not in the month is a string',
    args: ['--file', 'settings.yaml'],
    file: '2001-02-30',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `2001-02-30` into map[string]string'),
  },
  {
    name: 'file: a date',
    args: ['--file', 'settings.yaml'],
    file: '2001-02-28',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!timestamp `2001-02-28` into map[string]string'),
  },
  {
    name: 'file: a merge key alone is a string',
    args: ['--file', 'settings.yaml'],
    file: '<<',
    ...failure('yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `<<` into map[string]string'),
  },
  {
    name: 'file: an escape yaml.v2 does not know',
    args: ['--file', 'settings.yaml'],
    file: '{"a": "x\\/y"}',
    ...failure('yaml: found unknown escape character'),
  },
  {
    name: 'file: a UTF-16 surrogate escape (as Python json.dumps writes)',
    args: ['--file', 'settings.yaml'],
    file: '{\n"a": "\\ud83d\\ude00"}',
    ...failure('yaml: line 2: found invalid Unicode character escape code'),
  },
  {
    name: 'file: missing',
    args: ['--file', 'missing.yaml'],
    ...failure('open {dir}/missing.yaml: no such file or directory'),
  },
  {
    name: 'file: missing, path cleaned as Go joins it',
    args: ['--file', './sub/../missing.yaml'],
    ...failure('open {dir}/missing.yaml: no such file or directory'),
  },
  {
    name: 'file: the file is read before leadership is checked',
    hook: { hookRelation: 3, leader: false },
    args: ['--app', '--file', 'missing.yaml'],
    ...failure('open {dir}/missing.yaml: no such file or directory'),
  },
  { name: 'file: an empty name means no file', args: ['--file=', 'k=v'], unit: { k: 'v' } },
  { name: 'stdin', args: ['--file', '-'], stdin: '{"foo": "bar"}', unit: { foo: 'bar' } },
  {
    name: 'stdin with --app and -r (as ops runs it)',
    hook: { leader: true },
    args: ['-r', 'db:3', '--app', '--file', '-'],
    stdin: '{"token": "", "url": "http://x"}',
    app: { token: '', url: 'http://x' },
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const dir = t.testdir(c.file === undefined ? {} : { 'settings.yaml': c.file });
    const ctx = context(c.hook);
    const got = runWith(new RelationSetCommand(ctx), c.args, { dir, stdin: c.stdin });
    t.same(got, {
      code: c.code ?? 0,
      stdout: c.stdout ?? '',
      stderr: (c.stderr ?? '').replaceAll('{dir}', dir),
    });
    t.same(ctx.pending(c.relation ?? 3), { unit: c.unit ?? {}, app: c.app ?? {} });
  });
}

t.test('an absolute --file path is not under the caller directory', async (t) => {
  const file = join(t.testdir(), 'abs.yaml');
  writeFileSync(file, 'k: v\n');
  const ctx = context();
  t.same(runWith(new RelationSetCommand(ctx), ['--file', file]), { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { k: 'v' });
});

t.test('an absolute --file path is cleaned first, as utils.NormalizePath does', async (t) => {
  const dir = t.testdir({ 'abs.yaml': 'k: v\n' });
  const ctx = context();
  t.same(runWith(new RelationSetCommand(ctx), ['--file', `${dir}/missing/../abs.yaml`]), { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { k: 'v' });
  t.same(runWith(new RelationSetCommand(context()), ['--file', `${dir}//nope/./x.yaml/`]), {
    code: 1,
    stdout: '',
    stderr: `ERROR open ${dir}/nope/x.yaml: no such file or directory\n`,
  });
});

t.test('a ~ path in --file is under the home directory', async (t) => {
  const home = t.testdir({ 'home.yaml': 'k: v\n' });
  const saved = process.env.HOME;
  process.env.HOME = home;
  t.teardown(() => {
    if (saved === undefined) delete process.env.HOME;
    else process.env.HOME = saved;
  });
  const ctx = context();
  t.same(runWith(new RelationSetCommand(ctx), ['--file', '~/home.yaml']), { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { k: 'v' });
});

t.test('a file that is not YAML fails with the line of the problem', async (t) => {
  const dir = t.testdir({ 'bad.yaml': 'ok: 1\nkey: b: c\nz: 2\n' });
  const got = runWith(new RelationSetCommand(context()), ['--file', 'bad.yaml'], { dir });
  t.equal(got.code, 1);
  t.match(got.stderr, /^ERROR yaml: line 2: .+\n$/);
});

t.test('a directory as --file fails as Go reading it does', async (t) => {
  const dir = t.testdir({ sub: {} });
  t.same(runWith(new RelationSetCommand(context()), ['--file', 'sub'], { dir }), {
    code: 1,
    stdout: '',
    stderr: `ERROR read ${dir}/sub: is a directory\n`,
  });
});

t.test('--file - without stdin asks the client for it', async (t) => {
  const ctx = context();
  let thrown: unknown;
  try {
    runWith(new RelationSetCommand(ctx), ['--file', '-', 'k=v']);
  } catch (err) {
    thrown = err;
  }
  t.ok(thrown instanceof NeedClientStepError, 'the step reaches the tool server');
  t.same((thrown as NeedClientStepError).step, { kind: 'stdin' });
  t.same(ctx.pending(3), { unit: {}, app: {} });
});

t.test('a value with 100,000 inner spaces is set as given (issue 8: this took 10 s)', { timeout: 5000 }, async (t) => {
  const value = `x${' '.repeat(100_000)}x`;
  const ctx = context();
  t.same(runWith(new RelationSetCommand(ctx), [`k=${value}`]), { code: 0, stdout: '', stderr: '' });
  t.same(ctx.pending(3).unit, { k: value });
});

t.test('--file <path> without the file asks the client for it, by its absolute path', async (t) => {
  const dir = t.testdir();
  const ctx = context();
  let thrown: unknown;
  try {
    runWith(new RelationSetCommand(ctx), ['--file', 'settings.yaml', 'k=v'], { dir, fileNotSent: true });
  } catch (err) {
    thrown = err;
  }
  t.ok(thrown instanceof NeedClientStepError, 'the step reaches the tool server');
  t.same((thrown as NeedClientStepError).step, { kind: 'read', path: `${dir}/settings.yaml` });
  t.same(ctx.pending(3), { unit: {}, app: {} });
});

t.test('relation-get sees the writes at once', async (t) => {
  const ctx = context({ hookRelation: 3, leader: true });
  t.equal(runWith(new RelationSetCommand(ctx), ['base=', 'k=v']).code, 0);
  t.same(ctx.relation(3).settings().map(), { k: 'v' });
});

t.test('help', async (t) => {
  // charm-helpers looks for `--file` in this help to decide how to pass settings.
  t.same(runWith(new RelationSetCommand(context()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: relation-set [options] key=value [key=value ...]

Summary:
Write relation settings.

Options:
--app  (= false)
    Write the application databag instead of the unit databag
--file  (= )
    Read settings from a YAML map in this file ("-" for stdin)
--format (= "")
    Deprecated and ignored
-r, --relation  (= db:3)
    Specify a relation by id

Details:
Changes this unit's databag in a relation (the hook's relation unless -r is given), or
with --app the application databag, which only the leader may write. Values are
stored as plain strings; an empty value removes the key. A key may be given once.
The changes are sent when the hook succeeds and are visible to relation-get at once.

Settings too long for a command line go in a YAML (or JSON) map passed with --file;
"--file -" reads that map from standard input. key=value arguments override keys
from the file.

Examples:

    relation-set port=5432 host=10.0.0.7
    relation-set -r db:3 --app password=
    echo '{"config": "a long value"}' | relation-set --file -
`,
  });

  const outside = runWith(new RelationSetCommand(context({})), ['-h']);
  t.match(outside.stdout, '-r, --relation  (= )\n');
});
