// Output shapes of `juju status`, `config` and `show-unit` where juju-sim differed from Juju 3.6:
// Go's omitempty rules, yaml.v2's quoting, and the status options scripts pass.
import t from 'tap';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, charm } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-juju-cli-shapes-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

t.test('status: an application with no relations or no units has no such key (omitempty maps)', async (t) => {
  const sim = new Sim(t);
  t.equal((await sim.juju('deploy', charm('bash-redis'), 'lone')).code, 0);
  await sim.ok('settle');
  let app = JSON.parse((await sim.juju('status', '--format', 'json')).stdout).applications.lone;
  t.notOk('relations' in app, 'no relations key when it has none');
  t.same(Object.keys(app.units), ['lone/0']);
  t.equal((await sim.juju('remove-unit', '--no-prompt', 'lone/0')).code, 0);
  await sim.ok('settle');
  app = JSON.parse((await sim.juju('status', '--format', 'json')).stdout).applications.lone;
  t.notOk('units' in app, 'no units key once it has none');
  t.match((await sim.juju('status')).stdout, /lone\s+unknown\s+0\s+bash-redis/, 'the table still lists it, at scale 0');
});

t.test('status takes the options Juju has: --format tabular, --relations/--integrations/--storage, --no-color, --retry-*', async (t) => {
  const sim = new Sim(t);
  const tabular = await sim.juju('status', '--format', 'tabular', '--no-color', '--retry-count', '2', '--retry-delay', '1s');
  t.equal(tabular.code, 0, tabular.stderr);
  t.match(tabular.stdout, /^Model\s+Controller/);
  const json = await sim.juju('status', '--format', 'json', '--relations', '--storage');
  t.equal(json.code, 0, json.stderr);
  t.equal(json.stderr, 'provided relations, storage options are always enabled in non tabular formats\n');
  t.ok(JSON.parse(json.stdout).model);
  const one = await sim.juju('status', '--integrations', '--format=yaml');
  t.equal(one.stderr, 'provided integrations option is always enabled in non tabular formats\n');
  t.same(await sim.juju('status', '--retry-count', 'x'), {
    code: 2,
    stdout: '',
    stderr: 'ERROR invalid value "x" for option --retry-count: strconv.ParseInt: parsing "x": invalid syntax\n',
  });
});

t.test("yaml as yaml.v2 writes it: strings YAML 1.1 reads as booleans are quoted (config's default format)", async (t) => {
  const sim = new Sim(t);
  const dir = join(scratch, 'strings');
  cpSync(charm('bash-redis'), dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'options:\n  mode:\n    type: string\n    default: "on"\n    description: d\n');
  t.equal((await sim.juju('deploy', dir, 'strs')).code, 0);
  await sim.ok('settle');
  t.equal((await sim.juju('config', 'strs', 'mode=yes')).code, 0);
  const shown = (await sim.juju('config', 'strs')).stdout;
  t.match(shown, /\n  mode:\n    default: "on"\n    description: d\n    source: user\n    type: string\n    value: "yes"\n$/);
  t.match((await sim.juju('status', '--format', 'yaml')).stdout, /\n    ip-addresses:\n    - 127\.1\.0\.1\n/, "yaml.v2's sequences sit at their key's indent");
});

t.test('show-unit: local-unit is in the JSON of every relation (a Go struct), left out of the yaml when zero', async (t) => {
  const sim = new Sim(t);
  await sim.juju('deploy', charm('bash-redis'), 'redis');
  await sim.juju('deploy', charm('bash-client'), 'client');
  t.equal((await sim.juju('integrate', 'redis', 'client')).code, 0);
  await sim.ok('settle');
  const [info] = JSON.parse((await sim.juju('show-unit', 'client/0', '--format', 'json')).stdout)['client/0']['relation-info'];
  t.same(info['local-unit'], { 'in-scope': false, data: null });
  t.same(Object.keys(info['related-units']), ['redis/0']);
  const yaml = (await sim.juju('show-unit', 'client/0')).stdout;
  t.notMatch(yaml, /local-unit/);
  t.match(yaml, /\n  opened-ports: \[\]\n/, 'a nil slice is [] in yaml.v2');
});
