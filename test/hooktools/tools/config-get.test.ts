import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { ConfigOption, ConfigValue, ContextUnit } from '../../../core/hook-context.js';
import { ConfigGetCommand } from '../../../hooktools/tools/config-get.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ code, stdout: '', stderr: `ERROR ${message}\n` });

// The effective config (set or defaulted) and the charm's options; `empty` has no value.
const settings: Record<string, ConfigValue> = {
  monsters: false,
  'spline-reticulation': 45,
  ratio: 0.5,
  big: 1000000,
  huge: 1e21,
  title: 'My Title',
  username: 'admin001',
  port: '8080',
};
const options: Record<string, ConfigOption> = {
  ...Object.fromEntries(Object.keys(settings).map((name) => [name, { type: 'string' } as ConfigOption])),
  empty: { type: 'string' },
};

function context(): ContextUnit {
  return { unitName: () => 'wordpress/0', configSettings: () => ({ ...settings }), configOptions: () => options };
}

const yamlAll = `big: 1e+06
huge: 1e+21
monsters: false
port: "8080"
ratio: 0.5
spline-reticulation: 45
title: My Title
username: admin001
`;
const jsonAll =
  '{"big":1000000,"huge":1e+21,"monsters":false,"port":"8080","ratio":0.5,"spline-reticulation":45,"title":"My Title","username":"admin001"}\n';

const cases: Array<{ name: string; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  // One key: typed as Juju's agent receives it (numbers are float64).
  { name: 'bool, smart', args: ['monsters'], stdout: 'False\n' },
  { name: 'bool, yaml', args: ['--format', 'yaml', 'monsters'], stdout: 'false\n' },
  { name: 'bool, json', args: ['--format', 'json', 'monsters'], stdout: 'false\n' },
  { name: 'int, smart', args: ['spline-reticulation'], stdout: '45\n' },
  { name: 'int, yaml', args: ['--format', 'yaml', 'spline-reticulation'], stdout: '45\n' },
  { name: 'int, json', args: ['--format', 'json', 'spline-reticulation'], stdout: '45\n' },
  { name: 'a million prints as a Go float in yaml', args: ['big'], stdout: '1e+06\n' },
  { name: 'a million, json', args: ['--format=json', 'big'], stdout: '1000000\n' },
  { name: '1e21, json', args: ['--format=json', 'huge'], stdout: '1e+21\n' },
  { name: 'float', args: ['ratio'], stdout: '0.5\n' },
  { name: 'string', args: ['title'], stdout: 'My Title\n' },
  { name: 'numeric string, smart', args: ['port'], stdout: '8080\n' },
  { name: 'numeric string, yaml', args: ['--format', 'yaml', 'port'], stdout: '"8080"\n' },
  { name: 'numeric string, json', args: ['--format', 'json', 'port'], stdout: '"8080"\n' },
  { name: 'missing, smart', args: ['missing'], stdout: '' },
  { name: 'missing, yaml', args: ['--format', 'yaml', 'missing'], stdout: '' },
  { name: 'missing, json (reference vector)', args: ['--format=json', 'missing'], stdout: 'null\n' },
  { name: 'option without a value, json', args: ['--format=json', 'empty'], stdout: 'null\n' },
  { name: 'format after the key (ops 3.0-3.3)', args: ['title', '--format=json'], stdout: '"My Title"\n' },

  // Every option.
  { name: 'all, smart', args: [], stdout: yamlAll },
  { name: 'all, yaml', args: ['--format', 'yaml'], stdout: yamlAll },
  { name: 'all, json (ops)', args: ['--format=json'], stdout: jsonAll },
  { name: 'an empty key means all', args: [''], stdout: yamlAll },
  { name: '--all adds null options, yaml', args: ['--all', '--format', 'yaml'], stdout: yamlAll.replace('huge:', 'empty: null\nhuge:') },
  {
    name: '--all --format=json (charmhelpers)',
    args: ['--all', '--format=json'],
    stdout: jsonAll.replace('"huge"', '"empty":null,"huge"'),
  },
  { name: '-a', args: ['-a', '--format=json'], stdout: jsonAll.replace('"huge"', '"empty":null,"huge"') },
  { name: '--all=false', args: ['--all=false', '--format=json'], stdout: jsonAll },
  { name: '--all with an empty key', args: ['--all', '', '--format=json'], stdout: jsonAll.replace('"huge"', '"empty":null,"huge"') },

  // Argument errors.
  { name: '--all with a key', args: ['--all', '--format', 'json', 'monsters'], ...failure('cannot use argument --all together with key "monsters"', 2) },
  { name: '--all is checked before extra keys', args: ['-a', 'x', 'y'], ...failure('cannot use argument --all together with key "x"', 2) },
  { name: 'the key is quoted the Go way', args: ['--all', 'a"b'], ...failure('cannot use argument --all together with key "a\\"b"', 2) },
  { name: 'two keys', args: ['multiple', 'keys'], ...failure('unrecognized args: ["keys"]', 2) },
  { name: 'bad format', args: ['--format', 'xml'], ...failure('invalid value "xml" for option --format: unknown format "xml"', 2) },
  { name: 'unknown option', args: ['--bogus'], ...failure('option provided but not defined: --bogus', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new ConfigGetCommand(context()), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('--output writes the file in the caller directory', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'config-get-'));
  const got = run(new ConfigGetCommand(context()), ['--output', 'some-file', 'monsters'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(join(dir, 'some-file'), 'utf8'), 'False\n');
});

t.test('help', async (t) => {
  const got = run(new ConfigGetCommand(context()), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: config-get \[options\] \[<key>\]\n/);
  t.match(got.stdout, '\n-a, --all  (= false)\n');
  t.match(got.stdout, '\n--format  (= smart)\n    Specify output format (json|smart|yaml)\n');
});
