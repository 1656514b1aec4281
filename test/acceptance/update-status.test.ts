// update-status as Juju runs it: from each unit's timer, at the model's update-status-hook-interval,
// when nothing else needs to run and never while the unit is in error; `update-status` ticks it.
import t from 'tap';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, fixture } from '../helpers/sim.js';

const hooks = async (sim: Sim, unit: string): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Array<{ hook: string }>).map((r) => r.hook);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

t.test('update-status: on demand, at the interval, never in error', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('ticker'), 'ticker', '-n', '2');
  await sim.ok('settle');
  const units = ['ticker/0', 'ticker/1'];
  const since = async (): Promise<string[][]> => {
    const now = await Promise.all(units.map((u) => hooks(sim, u)));
    return now.map((h, i) => h.slice(seen[i]));
  };
  let seen = (await Promise.all(units.map((u) => hooks(sim, u)))).map((h) => h.length);
  const mark = async (): Promise<void> => {
    seen = (await Promise.all(units.map((u) => hooks(sim, u)))).map((h) => h.length);
  };

  await t.test('a unit, then an application', async (t) => {
    t.equal(await sim.ok('update-status', 'ticker/0'), '');
    await sim.ok('settle');
    t.same(await since(), [['update-status'], []]);
    t.match((await sim.json('status')).applications.ticker.units['ticker/0']['workload-status'], { current: 'active', message: 'updated' });
    t.equal((await sim.json('status')).applications.ticker.units['ticker/0']['juju-status'].current, 'idle');
    await mark();
    await sim.ok('update-status', 'ticker');
    await sim.ok('settle');
    t.same(await since(), [['update-status'], ['update-status']]);
    await mark();
  });

  await t.test('never while the unit is in error; the retried hook catches up with the tick', async (t) => {
    writeFileSync(join(sim.unitCharmDir('ticker/0'), 'fail-config-changed'), '');
    await sim.ok('config', 'ticker', 'n=1');
    t.equal((await sim.run('settle')).code, 1);
    await sim.ok('update-status');
    t.equal((await sim.run('settle')).code, 1);
    t.same(await since(), [['config-changed'], ['config-changed', 'update-status']]);
    rmSync(join(sim.unitCharmDir('ticker/0'), 'fail-config-changed'));
    await sim.ok('resolve', 'ticker/0');
    await sim.ok('settle');
    t.same((await since())[0], ['config-changed', 'config-changed']);
    await mark();
  });

  await t.test('a failing update-status puts the unit in error, as any hook', async (t) => {
    writeFileSync(join(sim.unitCharmDir('ticker/1'), 'fail-update-status'), '');
    await sim.ok('update-status', 'ticker/1');
    t.same(await sim.run('settle'), { code: 1, stdout: '', stderr: 'ERROR unit ticker/1 is in error: hook failed: "update-status"\n' });
    rmSync(join(sim.unitCharmDir('ticker/1'), 'fail-update-status'));
    await sim.ok('resolve', 'ticker/1');
    await sim.ok('settle');
    t.same(await since(), [[], ['update-status', 'update-status']]);
    t.match((await sim.json('status')).applications.ticker.units['ticker/1']['workload-status'], { current: 'active', message: 'updated' }, 'out of error');
    await mark();
  });

  await t.test('the timer fires at update-status-hook-interval, and waits a new interval when it changes', async (t) => {
    await sim.ok('model-config', 'update-status-hook-interval=1s');
    // 0.8 to 1.2 s per tick, as Juju draws it.
    for (let waited = 0; waited < 15_000 && (await since()).some((h) => !h.includes('update-status')); waited += 250) await sleep(250);
    t.ok((await since()).every((h) => h.includes('update-status')), 'every unit ran update-status');
    await sim.ok('model-config', '--reset', 'update-status-hook-interval');
    await sim.ok('settle');
    await mark();
    await sleep(2_000);
    t.same(await since(), [[], []], 'back at 5m, no tick for now');
  });

  await t.test('unknown units and applications', async (t) => {
    t.same(await sim.run('update-status', 'ticker/9'), { code: 1, stdout: '', stderr: 'ERROR unit "ticker/9" not found\n' });
    t.same(await sim.run('update-status', 'nope'), { code: 1, stdout: '', stderr: 'ERROR application "nope" not found\n' });
  });
});
