// A unit agent's update-status timer: Juju's jitter, ticks counted, held while the model says so.
import t from 'tap';
import { jitteredWait, UpdateStatusTimer } from '../../../agent/uniter/update-status-timer.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

t.test('the wait is the interval give or take 20%, as Juju draws it', async (t) => {
  const cases: Array<[number, number, number]> = [
    [300_000, 0, 240_000],
    [300_000, 0.5, 300_000],
    [300_000, 0.999999, 359_999],
    [10_000, 0.25, 9_000],
  ];
  for (const [interval, random, want] of cases) t.equal(jitteredWait(interval, random), want, `${interval} ms at ${random}`);
});

t.test('ticks every interval while the model lets it, and on demand', async (t) => {
  let mayFire = true;
  let told = 0;
  const timer = new UpdateStatusTimer({ interval: () => 20, mayFire: () => mayFire, onTick: () => told++, random: () => 0 });
  t.teardown(() => timer.stop());
  await sleep(60);
  t.ok(timer.version >= 1, `ticked ${timer.version} times in 60 ms of 16 ms waits`);
  t.equal(told, timer.version, 'each tick is told');

  mayFire = false;
  const held = timer.version;
  await sleep(60);
  t.equal(timer.version, held, 'a held timer drops its ticks');

  timer.tick();
  t.equal(timer.version, held + 1, 'a tick on demand counts whatever the model says');
  timer.stop();
  mayFire = true;
  timer.restart();
  await sleep(40);
  t.equal(timer.version, held + 1, 'a stopped timer stays stopped');
});
