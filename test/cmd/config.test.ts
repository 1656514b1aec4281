// `juju config <app>`: its arguments read as Juju's ConfigCommandBase reads them (one key gets
// its value; conflicts are usage errors, exit 2) and values checked as the application facade
// and the charm library check them, with the facade's annotations on the errors.
import t from 'tap';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-config-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

function configCharm(): string {
  const dir = join(scratch, 'cfg');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'metadata.yaml'), 'name: cfg\nsummary: s\ndescription: d\n');
  writeFileSync(
    join(dir, 'config.yaml'),
    'options:\n  s: {type: string, default: hello}\n  n: {type: string}\n  i: {type: int, default: 3}\n  f: {type: float, default: 1.5}\n  sec: {type: secret}\n',
  );
  writeFileSync(join(dir, 'dispatch'), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

t.test('get one value, set, reset; Init errors exit 2, the facade\'s errors exit 1', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', configCharm(), 'cfg');
  const juju = (...args: string[]) => sim.juju('config', 'cfg', ...args);
  t.same(await juju('s'), { code: 0, stdout: 'hello\n', stderr: '' });
  t.same(await juju('n'), { code: 0, stdout: '\n', stderr: '' }, 'no value: an empty line');
  t.same(await juju('trust'), { code: 0, stdout: 'false\n', stderr: '' }, 'the application config too');
  t.same(await juju('f=1e6'), { code: 0, stdout: '', stderr: '' });
  t.same(await juju('f'), { code: 0, stdout: '1e+06\n', stderr: '' }, 'a number as Go prints a float64');
  t.same(await juju('i=+7', '--reset', 's', '--reset', 'f'), { code: 0, stdout: '', stderr: '' });
  t.same(await juju('i'), { code: 0, stdout: '7\n', stderr: '' });
  t.same(await juju('f'), { code: 0, stdout: '1.5\n', stderr: '' });

  const failures: Array<[string[], number, string]> = [
    [['nope'], 1, 'key "nope" not found in "cfg" application config or charm settings.'],
    [['s', 'i'], 2, 'cannot specify multiple keys to get'],
    [['s', 'i=1'], 2, 'cannot get value and set key=value pairs simultaneously'],
    [['=v'], 2, 'expected "key=value", got "=v"'],
    [['s=a', 's=b'], 2, 'key "s" specified more than once'],
    [['s=a', '--reset', 's'], 2, 'cannot set and reset key "s" simultaneously'],
    [['i=1.0'], 1, 'parsing settings for application: option "i" expected int, got "1.0"'],
    [['i= 1'], 1, 'parsing settings for application: option "i" expected int, got " 1"'],
    [['i=9223372036854775808'], 1, 'parsing settings for application: option "i" expected int, got "9223372036854775808"'],
    [['f=0x10'], 1, 'parsing settings for application: option "f" expected float, got "0x10"'],
    [['nope=1'], 1, 'parsing settings for application: unknown option "nope"'],
    [['--reset', 'nope'], 1, 'updating application charm settings: unknown option "nope"'],
    [['sec=foo'], 1, 'parsing settings for application: invalid secret URI for option "sec": secret URI "foo" not valid'],
    [['sec=d1bm9ifjfoo0000000bg'], 1, 'updating charm config settings: option "sec" expected secret, got "d1bm9ifjfoo0000000bg"'],
  ];
  for (const [args, code, message] of failures) {
    t.same(await juju(...args), { code, stdout: '', stderr: `ERROR ${message}\n` }, args.join(' '));
  }
  t.same(await sim.juju('config', 'i=1'), { code: 2, stdout: '', stderr: 'ERROR no application name specified\n' });
  t.same(await juju('sec=secret:d1bm9ifjfoo0000000bg'), { code: 0, stdout: '', stderr: '' });
  t.same(await juju('sec'), { code: 0, stdout: 'secret:d1bm9ifjfoo0000000bg\n', stderr: '' });
});
