// The model's secret timer: it wakes the agents when the earliest rotation or expiry comes, not
// while the model is paused, and follows the secrets as they change.
import t from 'tap';
import { SecretTimer } from '../../agent/secret-timer.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();
/** As the controller answers: the earliest of the times still to come. */
const earliestToCome = (times: string[]): string | undefined => times.filter((time) => time > new Date().toISOString()).sort()[0];

t.test('wakes once when the time comes', async (t) => {
  const due = inMs(50);
  let woken = 0;
  const timer = new SecretTimer({ next: () => earliestToCome([due]), mayFire: () => true, onDue: () => woken++ });
  t.teardown(() => timer.stop());
  await sleep(20);
  t.equal(woken, 0, 'not before');
  await sleep(80);
  t.equal(woken, 1);
  timer.reschedule();
  await sleep(50);
  t.equal(woken, 1, 'nothing more to wait for');
});

t.test('a paused model is not woken', async (t) => {
  let woken = 0;
  const timer = new SecretTimer({ next: () => inMs(20), mayFire: () => false, onDue: () => woken++ });
  t.teardown(() => timer.stop());
  await sleep(80);
  t.equal(woken, 0);
});

t.test('then waits for the next time, without being told', async (t) => {
  const times = [inMs(30), inMs(90)];
  let woken = 0;
  const timer = new SecretTimer({ next: () => earliestToCome(times), mayFire: () => true, onDue: () => woken++ });
  t.teardown(() => timer.stop());
  await sleep(60);
  t.equal(woken, 1);
  await sleep(80);
  t.equal(woken, 2);
});

t.test('an earlier time set meanwhile wins', async (t) => {
  let due = inMs(10_000);
  let woken = 0;
  const timer = new SecretTimer({ next: () => earliestToCome([due]), mayFire: () => true, onDue: () => woken++ });
  t.teardown(() => timer.stop());
  due = inMs(30);
  timer.reschedule();
  await sleep(100);
  t.equal(woken, 1);
});
