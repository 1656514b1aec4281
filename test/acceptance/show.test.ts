// show against a real model: the JSON shape scripts read, the filters (APP[:ENDPOINT], -r), the
// side-by-side human output without a terminal, and --watch drawing again after a commit until
// it is interrupted.
import t from 'tap';
import { Sim, charm } from '../helpers/sim.js';

const sim = new Sim(t);
await sim.ok('deploy', charm('bash-redis'), 'redis');
await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
await sim.ok('integrate', 'redis', 'demo');
await sim.ok('settle');

t.test('JSON shape: every relation, provider first, each side with its leader and every key', async (t) => {
  const shown = await sim.json('show');
  t.same(Object.keys(shown), ['relations']);
  t.equal(shown.relations.length, 1);
  const [relation] = shown.relations;
  t.same(Object.keys(relation).sort(), ['endpoints', 'id', 'interface']);
  t.same(
    relation.endpoints.map((e: any) => [e.application, e.endpoint, e.role, e.leader, Object.keys(e['units-data'])]),
    [
      ['redis', 'redis', 'provider', 'redis/0', ['redis/0']],
      ['demo', 'redis', 'requirer', 'demo/0', ['demo/0', 'demo/1']],
    ],
  );
  for (const e of relation.endpoints) {
    t.same(Object.keys(e).sort(), ['application', 'application-data', 'endpoint', 'leader', 'role', 'units-data']);
    for (const data of Object.values(e['units-data']) as Array<Record<string, string>>) {
      t.match(data, { 'private-address': String, 'ingress-address': String, 'egress-subnets': String }, "JSON keeps Juju's keys");
    }
  }
});

t.test('filters', async (t) => {
  const ids = async (...args: string[]): Promise<number[]> => (await sim.json('show', ...args)).relations.map((r: any) => r.id);
  t.same(await ids('redis'), [0]);
  t.same(await ids('demo:redis'), [0]);
  t.same(await ids('demo', 'redis:redis'), [0], 'either order');
  t.same(await ids('demo:nope'), []);
  t.same(await ids('demo', 'demo'), [], 'demo is not related to itself');
  t.same(await ids('-r', '0'), [0]);
  t.same(await sim.run('show', 'nope'), { code: 1, stdout: '', stderr: 'ERROR application "nope" not found\n' });
  t.same(await sim.run('show', '-r', '7'), { code: 1, stdout: '', stderr: 'ERROR relation "7" not found\n' });
  t.same(await sim.run('show', '-r', 'x'), { code: 2, stdout: '', stderr: 'ERROR invalid value "x" for option --relation: expected a relation id\n' });
  t.same(await sim.run('show', 'a', 'b', 'c'), { code: 2, stdout: '', stderr: "ERROR too many arguments for 'show'. Expected 2 arguments but got 3.\n" });
});

t.test('human: side by side at 80 columns, no colour, Juju keys hidden unless asked for', async (t) => {
  const out = await sim.ok('show');
  const lines = out.split('\n');
  t.equal(lines[0], 'relation 0 [redis]');
  t.match(lines[1], /^redis:redis +│ demo:redis$/);
  t.match(lines[2], /^provider, leader redis\/0 +│ requirer, leader demo\/0$/);
  t.match(out, /redis\/0\* unit data +│ demo\/0\* unit data/);
  t.match(out, / +│ demo\/1 unit data\n/);
  t.ok(lines.every((l) => l.length <= 80));
  t.notMatch(out, /\x1b|private-address|ingress-address|egress-subnets/);
  const keys = await sim.ok('show', '--show-juju-keys');
  t.match(keys, /^ {2}private-address: 127\.1\.0\.1 +│ {3}redis-port: 6379$/m);
  t.match(keys, /^ {2}egress-subnets: 127\.1\.0\.1\/32 +│ {3}egress-subnets: 127\.1\.0\.2\/32$/m);
});

t.test('--watch draws again after a commit, until interrupted', async (t) => {
  const watch = sim.stream('show', '--watch');
  await watch.until((out) => out.includes('redis-port'));
  await sim.ok('exec', 'demo/1', '-r', '0', '--', 'relation-set', 'watched=yes');
  const out = await watch.until((o) => o.includes('watched: yes'));
  t.equal(out.split('relation 0 [redis]').length - 1, 2, 'drawn twice, one drawing per change');
  const end = await watch.interrupt();
  t.notOk(end.stderr.includes('ERROR'), end.stderr);
  t.match(await sim.ok('show', 'demo'), /watched: yes/, 'the daemon serves on');
});
