// `juju run`'s arguments: units and action name (Juju's Init checks, exit 2), and params from
// key=value (values read as yaml.v2 reads them into interface{}) over a --params file.
import t from 'tap';
import { actionParams, paramsFile, parseRunArgs, yamlValue } from '../../cmd/action-params.js';

t.test('units, action name and key=value', async (t) => {
  t.same(parseRunArgs(['demo/0', 'backup']), { receivers: ['demo/0'], action: 'backup', params: [] });
  t.same(parseRunArgs(['demo/leader', 'demo/1', 'do-it', 'a.b-c=1', 'x==y', 'e=']), {
    receivers: ['demo/leader', 'demo/1'],
    action: 'do-it',
    params: [
      { keys: ['a', 'b-c'], value: '1' },
      { keys: ['x'], value: '=y' },
      { keys: ['e'], value: '' },
    ],
  });
  const keyRule = 'must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric and hyphens';
  const errors: Array<[string[], string]> = [
    [[], 'no unit specified'],
    [['backup'], 'no unit specified'],
    [['demo/0'], 'no action specified'],
    [['demo/0', 'Backup'], 'invalid unit or action name "Backup"'],
    [['demo', 'x/0', 'backup'], 'no unit specified'],
    [['demo/01', 'backup'], 'invalid unit or action name "demo/01"'],
    [['demo/0', 'other/1', 'backup'], 'all units must be of the same application'],
    [['demo/0', 'backup', 'flag'], 'argument "flag" must be of the form key.key.key...=value'],
    [['demo/0', 'backup', 'A=1'], `key "A" ${keyRule}`],
    [['demo/0', 'backup', 'a..b=1'], `key "" ${keyRule}`],
    [['demo/0', 'backup', 'a_b=1'], `key "a_b" ${keyRule}`],
  ];
  for (const [args, message] of errors) t.throws(() => parseRunArgs(args), { message }, args.join(' '));
});

t.test('values are YAML, as yaml.v2 reads them', async (t) => {
  const cases: Array<[string, unknown]> = [
    ['3', 3],
    ['-12', -12],
    ['0x10', 16],
    ['010', 8],
    ['1_000', 1000],
    ['3.5', 3.5],
    ['.5', 0.5],
    ['1e3', '1e3'],
    ['1e+3', 1000],
    ['true', true],
    ['yes', true],
    ['Off', false],
    ['y', true],
    ['', null],
    ['~', null],
    ['null', null],
    ['hello world', 'hello world'],
    ['"3"', '3'],
    ["'yes'", 'yes'],
    ['2024-01-02', '2024-01-02'],
    ['1:20', '1:20'],
    ['[a, 1]', ['a', 1]],
    ['{a: 1, b: [x]}', { a: 1, b: ['x'] }],
    ['!!str 3', '3'],
    ['!!float 3', 3],
    // Juju's fork of yaml.v2 resolves these (hooktools/yaml-resolve.ts); they used to diverge.
    ['.5_0', 0.5],
    ['0b-1', -1],
    ['!!timestamp 2024-01-02', '2024-01-02'],
    ['!!binary aGVsbG8=', 'hello'],
    ['!local bar', 'bar'],
  ];
  for (const [text, value] of cases) t.same(yamlValue(text), value, JSON.stringify(text));
  t.throws(() => yamlValue('{1: a}'), { message: 'map keyed with non-string value' });
  t.throws(() => yamlValue('.inf'), { message: 'json: unsupported value: +Inf' });
  t.throws(() => yamlValue('!!int abc'), { message: 'yaml: cannot decode !!str `abc` as a !!int' });
  t.throws(() => yamlValue('!!bool 1.0'), { message: 'yaml: cannot decode !!float `1.0` as a !!bool' });
});

t.test('params: the file, then key=value over it', async (t) => {
  const file = Buffer.from('target: /srv\nlevel: 2\nnested:\n  a: 1\n  b: 2\nyes: kept as written\n');
  t.same(paramsFile(Buffer.from('')), {});
  t.same(paramsFile(file), { target: '/srv', level: 2, nested: { a: 1, b: 2 }, yes: 'kept as written' });
  t.throws(() => paramsFile(Buffer.from('- a\n')), { message: 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]interface {}' });
  t.throws(() => paramsFile(Buffer.from('1.0')), { message: 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!float `1.0` into map[string]interface {}' });
  t.throws(() => paramsFile(Buffer.from('2024-01-02')), { message: 'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!timestamp `2024-01-02` into map[string]interface {}' });
  t.throws(() => paramsFile(Buffer.from('a:\n  1: x\n')), { message: 'map keyed with non-string value' });

  const { params } = parseRunArgs(['demo/0', 'act', 'level=3', 'nested.b=x', 'nested.c.d=true', 'target.deep=1']);
  t.same(actionParams(file, params, false), {
    target: { deep: 1 },
    level: 3,
    nested: { a: 1, b: 'x', c: { d: true } },
    yes: 'kept as written',
  }, 'a scalar on the way becomes a map');
  t.same(actionParams(undefined, params, true), { level: '3', nested: { b: 'x', c: { d: 'true' } }, target: { deep: '1' } }, '--string-args');
});
