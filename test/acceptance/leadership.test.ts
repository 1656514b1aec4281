// Leadership moved by `elect`: is-leader answers at once, and the units run what Juju's run
// when a lease passes to another unit.
import t from 'tap';
import { Sim, charm } from '../helpers/sim.js';

const hooks = async (sim: Sim, unit: string): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Array<{ hook: string }>).map((r) => r.hook);

t.test('elect: the new leader runs leader-elected, the deposed one leader-settings-changed, the others nothing', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '3');
  await sim.ok('settle');
  const before = await Promise.all(['demo/0', 'demo/1', 'demo/2'].map(async (u) => (await hooks(sim, u)).length));

  await sim.ok('elect', 'demo/1');
  // exec runs before the queued hooks: what it sees is the controller's answer, not a hook's doing.
  t.equal(await sim.ok('exec', 'demo/1', '--', 'is-leader'), 'True\n');
  t.equal(await sim.ok('exec', 'demo/0', '--', 'is-leader'), 'False\n');
  await sim.ok('settle');
  const after = await Promise.all(['demo/0', 'demo/1', 'demo/2'].map(async (u, i) => (await hooks(sim, u)).slice(before[i])));
  t.same(after, [['leader-settings-changed'], ['leader-elected'], []]);
  t.equal((await sim.json('status')).applications.demo.units['demo/1'].leader, true);

  t.equal(await sim.ok('elect', 'demo/1'), '', 'electing the leader again changes nothing');
  await sim.ok('settle');
  t.same((await hooks(sim, 'demo/1')).slice(before[1] + 1), []);

  t.same(await sim.run('elect', 'demo/7'), { code: 1, stdout: '', stderr: 'ERROR unit "demo/7" not found\n' });
  t.same((await sim.run('elect')).code, 2);
});

t.test('an agent restart: each non-leader runs leader-settings-changed again, the leader nothing', async (t) => {
  // Juju keeps the leader-settings version a unit caught up with in memory only, so a restarted
  // agent runs leader-settings-changed on a non-leader (uniter_test.go, "leader-settings-changed
  // triggers when bounced"); leadership itself is in its state file, so no leader-elected.
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('settle');
  const before = await Promise.all(['demo/0', 'demo/1'].map(async (u) => (await hooks(sim, u)).length));
  await sim.ok('daemon', 'stop');
  await sim.ok('settle');
  const after = await Promise.all(['demo/0', 'demo/1'].map(async (u, i) => (await hooks(sim, u)).slice(before[i])));
  t.same(after, [[], ['leader-settings-changed']]);
  await sim.ok('settle');
  t.same((await hooks(sim, 'demo/1')).slice(before[1]), ['leader-settings-changed'], 'once');
});
