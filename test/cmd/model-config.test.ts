// model-config: its arguments read as Juju's config commands read them, its output as Juju's,
// and Juju's check of update-status-hook-interval.
import t from 'tap';
import { UsageError } from '../../core/errors.js';
import { parseConfigArgs } from '../../cmd/config-args.js';
import { Sim } from '../helpers/sim.js';

t.test('arguments', async (t) => {
  const ok: Array<[string[], string[], object]> = [
    [[], [], { set: {}, reset: [], key: undefined }],
    [['a'], [], { set: {}, reset: [], key: 'a' }],
    [['a=1', 'b=x=y', 'c='], [], { set: { a: '1', b: 'x=y', c: '' }, reset: [], key: undefined }],
    [['a=1'], [',b,c,', 'd'], { set: { a: '1' }, reset: ['b', 'c', 'd'], key: undefined }],
  ];
  for (const [args, reset, want] of ok) t.same(parseConfigArgs(args, reset), want, [...args, ...reset.map((r) => `--reset ${r}`)].join(' '));
  const usage: Array<[string[], string[], string]> = [
    [['=1'], [], 'expected "key=value", got "=1"'],
    [['a=1', 'a=2'], [], 'key "a" specified more than once'],
    [['a', 'b'], [], 'cannot specify multiple keys to get'],
    [['a', 'b=1'], [], 'cannot get value and set key=value pairs simultaneously'],
    [['a'], ['b'], 'cannot use --reset flag and get value simultaneously'],
    [['a', 'b=1'], ['c'], 'cannot use --reset flag, get value and set key=value pairs simultaneously'],
    [['a=1'], ['a'], 'cannot set and reset key "a" simultaneously'],
    [[], ['a=1'], '--reset accepts a comma delimited set of keys "a,b,c", received: "a=1"'],
  ];
  for (const [args, reset, message] of usage) t.throws(() => parseConfigArgs(args, reset), new UsageError(message), message);
});

t.test('through the CLI: Juju\'s table, JSON and YAML; set, get, reset; Juju\'s errors', async (t) => {
  const sim = new Sim(t);
  const key = 'update-status-hook-interval';
  t.same(await sim.run('model-config'), { code: 0, stdout: `Attribute                    From     Value\n${key}  default  5m\n`, stderr: '' });
  t.equal(await sim.ok('model-config', '--format', 'json'), `{"${key}":{"Value":"5m","Source":"default"}}\n`);
  t.equal(await sim.ok('model-config', '--format', 'yaml'), `${key}:\n  value: 5m\n  source: default\n`);
  t.equal(await sim.ok('model-config', `${key}=10s`), '');
  t.equal(await sim.ok('model-config', key), '10s\n');
  t.equal(await sim.ok('model-config', key, '--format=json'), `{"${key}":{"Value":"10s","Source":"model"}}\n`);
  t.equal(await sim.ok('model-config', `${key}=5m`), '');
  t.equal(await sim.ok('model-config', key, '--format=yaml'), `${key}:\n  value: 5m\n  source: default\n`, 'the default value is from default');
  await sim.ok('model-config', `${key}=1h`);
  t.equal(await sim.ok('model-config', '--reset', key), '');
  t.equal(await sim.ok('model-config', key), '5m\n');

  const failures: Array<[string[], number, string]> = [
    [[`${key}=10`], 1, 'invalid update status hook interval in model configuration: time: missing unit in duration "10"'],
    [[`${key}=ten`], 1, 'invalid update status hook interval in model configuration: time: invalid duration "ten"'],
    [[`${key}=-5m`], 1, "invalid update status hook interval in model configuration: -5m is not positive (Juju's unit agents fail on it)"],
    [['logging-config=<root>=DEBUG'], 1, 'model config key "logging-config" is not implemented in juju-sim'],
    [['--reset', 'nope'], 1, 'model config key "nope" is not implemented in juju-sim'],
    [['nope'], 1, '"nope" is not a key of the currently targeted model: "default"'],
    [['a', 'b'], 2, 'cannot specify multiple keys to get'],
  ];
  for (const [args, code, message] of failures) t.same(await sim.run('model-config', ...args), { code, stdout: '', stderr: `ERROR ${message}\n` }, args.join(' '));
  t.equal(await sim.ok('model-config', key), '5m\n', 'a refused value changes nothing');
});
