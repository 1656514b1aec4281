// The scheduler never spins on a unit agent whose operation throws: it reports the failure once,
// lets the other units run, tries again later and later, and lets the event loop in between
// operations so that control requests and signals are served while a unit fails. Held, it
// starts nothing on its own, but settles and steps when asked.
import t from 'tap';
import pino from 'pino';
import { Scheduler, type ScheduledAgent } from '../../agent/scheduler.js';
import type { Operation } from '../../agent/uniter/operation.js';

class FakeAgent implements ScheduledAgent {
  runs = 0;
  reported: string[] = [];

  constructor(
    readonly unitName: string,
    public work: number,
    public failure?: Error,
  ) {}

  hasWork(): boolean {
    return this.work > 0;
  }

  /** What a turn ran: the unit's next start hook, for the tests to tell turns apart. */
  async runNext(): Promise<Operation> {
    this.runs++;
    if (this.failure) throw this.failure;
    this.work--;
    await this.gate;
    return { kind: 'run-hook', hook: { kind: 'start' }, fired: false };
  }

  /** Resolved when an operation may end: tests hold it open to see what overlaps it. */
  gate: Promise<void> = Promise.resolve();

  reportAgentError(err: Error): void {
    this.reported.push(err.message);
  }
}

/** A scheduler over `agents`, and what it logged. */
function scheduler(agents: ScheduledAgent[], backoff = { firstMs: 60_000, maxMs: 60_000 }): { scheduler: Scheduler; logged: () => any[] } {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const s = new Scheduler(() => agents, log, backoff);
  return { scheduler: s, logged: () => lines.map((l) => JSON.parse(l)) };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

t.test('a failing agent is tried once, reported once, and the other units run to idle', async (t) => {
  const failing = new FakeAgent('failing/0', Infinity, new Error('cannot upgrade charm: boom'));
  const unreadable = new FakeAgent('unreadable/0', 1, new Error('no such table'));
  unreadable.hasWork = () => {
    throw new Error('no such table');
  };
  const healthy = new FakeAgent('healthy/0', 3);
  const { scheduler: s, logged } = scheduler([failing, unreadable, healthy]);
  t.teardown(() => s.stop());

  await s.whenIdle();
  t.equal(failing.runs, 1);
  t.same(failing.reported, ['cannot upgrade charm: boom']);
  t.same(unreadable.reported, ['no such table'], 'an agent whose state cannot be read is failing too');
  t.equal(healthy.runs, 3);
  t.same(Object.fromEntries(s.failing()), { 'failing/0': 'cannot upgrade charm: boom', 'unreadable/0': 'no such table' });
  t.same(
    logged().map((l) => [l.msg, l.unit]),
    [
      ['unit agent operation failed', 'failing/0'],
      ['unit agent operation failed', 'unreadable/0'],
    ],
  );

  await s.whenIdle();
  t.equal(failing.runs, 1, 'waking again does not retry it before its back-off has passed');
});

t.test('a failing agent is retried after a back-off that doubles up to its limit, and recovers', async (t) => {
  const agent = new FakeAgent('demo/0', 1, new Error('boom'));
  const { scheduler: s, logged } = scheduler([agent], { firstMs: 10, maxMs: 20 });
  t.teardown(() => s.stop());

  s.wake();
  await until(() => agent.runs >= 4);
  t.same(logged().slice(0, 4).map((l) => l.retryInMs), [10, 20, 20, 20]);
  agent.failure = undefined;
  await until(() => agent.work === 0);
  await s.whenIdle();
  t.same(s.failing(), new Map(), 'an attempt that succeeds ends the failure');
  t.equal(agent.reported.length, agent.runs - 1, 'each failure reported once');
  t.equal(logged().length, agent.runs - 1, 'each failure logged once');
});

t.test('operations that end at once still let the event loop in between them', async (t) => {
  const agent = new FakeAgent('demo/0', 1000);
  const { scheduler: s } = scheduler([agent]);
  let runsWhenServed = -1;
  setImmediate(() => (runsWhenServed = agent.runs));
  await s.whenIdle();
  t.equal(agent.runs, 1000);
  t.ok(runsWhenServed >= 0 && runsWhenServed < 10, `served after ${runsWhenServed} operations`);
});

t.test('after stop, no operation starts', async (t) => {
  const agent = new FakeAgent('demo/0', 1, new Error('boom'));
  const { scheduler: s } = scheduler([agent], { firstMs: 1, maxMs: 1 });
  await s.whenIdle();
  const runs = agent.runs;
  s.stop();
  await new Promise((resolve) => setTimeout(resolve, 20));
  s.wake();
  t.equal(agent.runs, runs, 'neither its retry nor a wake runs it');
});

t.test('held, nothing starts on its own; released, the units run to idle', async (t) => {
  const agent = new FakeAgent('demo/0', 2);
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => s.stop());
  const release = s.hold();
  s.wake();
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(agent.runs, 0, 'a wake while held runs nothing');
  const second = s.hold();
  release();
  release();
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(agent.runs, 0, 'held until every hold is released, each once');
  second();
  await until(() => agent.work === 0);
  t.equal(agent.runs, 2);
});

t.test('held, a settle still runs the units to idle, and the hold stays', async (t) => {
  const agent = new FakeAgent('demo/0', 3);
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => s.stop());
  s.hold();
  await s.whenIdle();
  t.equal(agent.runs, 3);
  agent.work = 1;
  s.wake();
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(agent.runs, 3, 'after the settle, new work waits again');
});

t.test('a settle that gives up stops driving a held scheduler', async (t) => {
  const agent = new FakeAgent('demo/0', 5);
  let open!: () => void;
  agent.gate = new Promise((resolve) => (open = resolve));
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => s.stop());
  s.hold();
  const timeout = new AbortController();
  const settled = s.whenIdle(timeout.signal);
  await until(() => agent.runs === 1);
  timeout.abort(new Error('too slow'));
  await t.rejects(settled, { message: 'too slow' });
  open();
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(agent.runs, 1, 'the running operation finished; no other started');
});

t.test('a step runs one turn, held or not, of the unit asked for or of the next in turn', async (t) => {
  const [a, b] = [new FakeAgent('a/0', 2), new FakeAgent('b/0', 1)];
  const { scheduler: s } = scheduler([a, b]);
  t.teardown(() => s.stop());
  s.hold();
  t.match(await s.step(), { unit: 'a/0', operation: { kind: 'run-hook' } });
  t.match(await s.step(), { unit: 'b/0' }, 'the next unit in turn');
  t.match(await s.step(b), undefined, 'a unit with nothing to run runs nothing');
  t.match(await s.step(), { unit: 'a/0' });
  t.equal(await s.step(), undefined, 'nothing left');
  t.same([a.runs, b.runs], [2, 1]);
});

t.test('a step never overlaps an operation already running', async (t) => {
  const agent = new FakeAgent('demo/0', 2);
  let open!: () => void;
  agent.gate = new Promise((resolve) => (open = resolve));
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => s.stop());
  s.wake();
  await until(() => agent.runs === 1);
  const stepped = s.step(agent);
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(agent.runs, 1, 'the step waits for the running operation');
  open();
  t.match(await stepped, { unit: 'demo/0' });
  t.equal(agent.runs, 2);
});

t.test('a step of a failing agent reports its failure', async (t) => {
  const agent = new FakeAgent('demo/0', 1, new Error('boom'));
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => s.stop());
  s.hold();
  t.match(await s.step(agent), { unit: 'demo/0', error: { message: 'boom' } });
  t.same(agent.reported, ['boom']);
});
