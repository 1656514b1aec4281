import t from 'tap';
import { ActionGetCommand } from '../../../hooktools/tools/action-get.js';
import { FakeAction } from '../fakes/action.js';
import { runWith } from '../fakes/run.js';

// The param maps of Juju's action-get_test.go, and one with the types JSON can carry.
const outfile = { outfile: 'foo.bz2' };
const outfileMap = { outfile: { filename: 'foo.bz2', format: 'bzip' } };
const outfileTypes = { outfile: { type: { '1': 'raw', '2': 'gzip', '3': 'bzip' } } };
const typed = { count: 5, big: 12345678, ratio: 0.5, flag: true, name: 'db', list: ['a', 1], none: null, html: '<b>' };

const cases: Array<{ name: string; params?: Record<string, unknown>; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'no params', args: [], stdout: '{}\n' },
  { name: 'no params, yaml', args: ['--format', 'yaml'], stdout: '{}\n' },
  { name: 'no params, json', args: ['--format', 'json'], stdout: '{}\n' },
  { name: 'a missing key', args: ['foo'], stdout: '' },
  { name: 'a missing key, yaml', args: ['--format', 'yaml', 'foo'], stdout: '' },
  { name: 'a missing key, json', args: ['--format', 'json', 'foo'], stdout: 'null\n' },
  { name: 'a missing inner key', params: outfileMap, args: ['outfile.type'], stdout: '' },
  { name: 'a missing inner key, json', params: outfileMap, args: ['--format', 'json', 'outfile.type'], stdout: 'null\n' },
  { name: 'below a missing key', params: outfileMap, args: ['--format', 'json', 'outfile.type.1'], stdout: 'null\n' },
  { name: 'below a string', params: outfile, args: ['--format', 'json', 'outfile.type'], stdout: 'null\n' },
  { name: 'below a list', params: typed, args: ['--format', 'json', 'list.0'], stdout: 'null\n' },
  { name: 'an inherited property is no key', params: outfile, args: ['--format', 'json', 'constructor'], stdout: 'null\n' },
  { name: 'one value', params: outfile, args: [], stdout: 'outfile: foo.bz2\n' },
  { name: 'one value, yaml', params: outfile, args: ['--format', 'yaml'], stdout: 'outfile: foo.bz2\n' },
  { name: 'one value, json (ops)', params: outfile, args: ['--format=json'], stdout: '{"outfile":"foo.bz2"}\n' },
  {
    name: 'nested maps',
    params: outfileTypes,
    args: [],
    stdout: 'outfile:\n  type:\n    "1": raw\n    "2": gzip\n    "3": bzip\n',
  },
  {
    name: 'nested maps, json',
    params: outfileTypes,
    args: ['--format', 'json'],
    stdout: '{"outfile":{"type":{"1":"raw","2":"gzip","3":"bzip"}}}\n',
  },
  { name: 'an inner map', params: outfileTypes, args: ['outfile.type'], stdout: '"1": raw\n"2": gzip\n"3": bzip\n' },
  { name: 'an inner map, json', params: outfileTypes, args: ['--format', 'json', 'outfile.type'], stdout: '{"1":"raw","2":"gzip","3":"bzip"}\n' },
  { name: 'a string deep down', params: outfileTypes, args: ['outfile.type.2'], stdout: 'gzip\n' },
  { name: 'charm-helpers: the key before --format', params: outfileTypes, args: ['outfile.type.2', '--format=json'], stdout: '"gzip"\n' },
  { name: 'two keys', args: ['multiple', 'keys'], stdout: '', stderr: 'ERROR unrecognized args: ["keys"]\n', code: 2 },

  // Parameters reach the agent as JSON: every number is a float64.
  {
    name: 'numbers print as Go float64s (yaml)',
    params: typed,
    args: [],
    stdout: 'big: 1.2345678e+07\ncount: 5\nflag: true\nhtml: <b>\nlist:\n- a\n- 1\nname: db\nnone: null\nratio: 0.5\n',
  },
  {
    name: 'numbers print as Go float64s (json)',
    params: typed,
    args: ['--format=json'],
    stdout: '{"big":12345678,"count":5,"flag":true,"html":"\\u003cb\\u003e","list":["a",1],"name":"db","none":null,"ratio":0.5}\n',
  },
  { name: 'a big whole number alone', params: typed, args: ['big'], stdout: '1.2345678e+07\n' },
  { name: 'a bool alone is Python-style in smart', params: typed, args: ['flag'], stdout: 'True\n' },
  { name: 'a bool alone, json', params: typed, args: ['flag', '--format=json'], stdout: 'true\n' },
  { name: 'a null alone', params: typed, args: ['none', '--format=json'], stdout: 'null\n' },
  { name: 'a list alone', params: typed, args: ['list'], stdout: '- a\n- 1\n' },
  // Parameters are decoded JSON: a list is a []interface{}, which smart prints as yaml even when
  // every item is a string (a []string would print one item a line).
  { name: 'a list of strings alone, smart', params: { words: ['a', 'b'] }, args: ['words'], stdout: '- a\n- b\n' },
  { name: 'an empty list alone, smart', params: { words: [] }, args: ['words'], stdout: '[]\n' },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new ActionGetCommand(new FakeAction(c.params ?? {})), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('outside an action', async (t) => {
  t.same(runWith(new ActionGetCommand(new FakeAction()), ['--format=json']), {
    code: 1,
    stdout: '',
    stderr: 'ERROR not running an action\n',
  });
});

t.test('help', async (t) => {
  t.same(runWith(new ActionGetCommand(new FakeAction()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: action-get [options] [<key>[.<key>.<key>...]]

Summary:
Print the running action's parameters.

Options:
--format  (= smart)
    Specify output format (json|smart|yaml)
-o, --output (= "")
    Specify an output file

Details:
Without a key, prints every parameter of the running action ({} when there are
none). A key prints that parameter; a dotted key (a.b.c) walks into nested maps.
A key that leads nowhere prints nothing (null in json).

Examples:

    action-get
    TIMEOUT=$(action-get timeout)
    action-get backup.target --format=json
`,
  });
});
