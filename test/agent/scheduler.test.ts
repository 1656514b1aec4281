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

/** A scheduler over `agents` running up to `maxParallel` operations at once, and what it logged. */
function scheduler(
  agents: ScheduledAgent[],
  backoff = { firstMs: 60_000, maxMs: 60_000 },
  maxParallel = 1,
): { scheduler: Scheduler; logged: () => any[] } {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const s = new Scheduler(() => agents, log, { maxParallel, backoff });
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
  t.teardown(() => void s.stop());

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
  t.teardown(() => void s.stop());

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
  void s.stop();
  await new Promise((resolve) => setTimeout(resolve, 20));
  s.wake();
  t.equal(agent.runs, runs, 'neither its retry nor a wake runs it');
});

t.test('held, nothing starts on its own; released, the units run to idle', async (t) => {
  const agent = new FakeAgent('demo/0', 2);
  const { scheduler: s } = scheduler([agent]);
  t.teardown(() => void s.stop());
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
  t.teardown(() => void s.stop());
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
  t.teardown(() => void s.stop());
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
  t.teardown(() => void s.stop());
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
  t.teardown(() => void s.stop());
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
  t.teardown(() => void s.stop());
  s.hold();
  t.match(await s.step(agent), { unit: 'demo/0', error: { message: 'boom' } });
  t.same(agent.reported, ['boom']);
});

// --- several at once --------------------------------------------------------------------------
// A table of scripts over agents whose operations end when the script says so. After each action
// the row gives the units whose operation is running then, in the order they started, and what
// happened meanwhile: steps answered (`stepped a`, `stepped -` for nothing), settles done
// (`settled`), stops done (`stopped`), failures reported (`failed a`). Throughout, the harness checks that no unit ever
// runs two operations at once and that no more than the limit run together.

/** The operations of all agents of one script, each ended by the script. */
class Harness {
  readonly running: string[] = [];
  readonly events: string[] = [];
  readonly violations: string[] = [];
  peak = 0;
  readonly ends = new Map<string, (failure?: Error) => void>();

  agent(unitName: string, work: number): ScheduledAgent {
    const agent = {
      unitName,
      work,
      hasWork: () => agent.work > 0,
      runNext: async (): Promise<Operation> => {
        if (this.running.includes(unitName)) this.violations.push(`${unitName} ran two operations at once`);
        agent.work--;
        this.running.push(unitName);
        this.peak = Math.max(this.peak, this.running.length);
        const failure = await new Promise<Error | undefined>((resolve) => this.ends.set(unitName, resolve));
        this.running.splice(this.running.indexOf(unitName), 1);
        if (failure) throw failure;
        return { kind: 'run-hook', hook: { kind: 'start' }, fired: false };
      },
      reportAgentError: () => this.events.push(`failed ${unitName}`),
    };
    return agent;
  }

  end(unit: string, failure?: Error): void {
    const end = this.ends.get(unit);
    if (!end || !this.running.includes(unit)) throw new Error(`script error: ${unit} is not running`);
    this.ends.delete(unit);
    end(failure);
  }
}

/** Lets the scheduler see what the last action changed: it looks for work on the next turns of the event loop. */
const settled = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** An action of a script: `wake`, `hold`, `release`, `settle`, `step`, `step a`, `end a`, `fail a`, `stop`. */
type Row = [action: string, running: string, events?: string];

interface Script {
  name: string;
  maxParallel: number;
  /** Unit → how many operations it has to run. */
  work: Record<string, number>;
  rows: Row[];
}

const scripts: Script[] = [
  {
    name: 'at most the limit at once, units in turn',
    maxParallel: 2,
    work: { a: 2, b: 2, c: 2 },
    rows: [
      ['wake', 'a b'],
      ['end a', 'b c'],
      ['end b', 'c a'],
      ['end c', 'a b'],
      ['end a', 'b c'],
      ['end b', 'c'],
      ['end c', ''],
    ],
  },
  {
    name: 'at 1, one at a time in round-robin order, as before the limit existed',
    maxParallel: 1,
    work: { a: 2, b: 2, c: 1 },
    rows: [
      ['wake', 'a'],
      ['end a', 'b'],
      ['end b', 'c'],
      ['end c', 'a'],
      ['end a', 'b'],
      ['end b', ''],
    ],
  },
  {
    name: 'never two operations of one unit, whatever the limit',
    maxParallel: 3,
    work: { a: 3, b: 1 },
    rows: [
      ['wake', 'a b'],
      ['end b', 'a'],
      ['wake', 'a'],
      ['end a', 'a'],
      ['end a', 'a'],
      ['end a', ''],
    ],
  },
  {
    name: 'a unit that finishes first is not taken again before the others had their turn',
    maxParallel: 2,
    work: { a: 3, b: 3, c: 3 },
    rows: [
      ['wake', 'a b'],
      ['end a', 'b c'],
      ['end b', 'c a'],
      ['end a', 'c b'],
      ['end b', 'c a'],
    ],
  },
  {
    name: 'a settle waits for the operations running and those they leave',
    maxParallel: 2,
    work: { a: 2, b: 1 },
    rows: [
      ['wake', 'a b'],
      ['settle', 'a b'],
      ['end b', 'a'],
      ['end a', 'a'],
      ['end a', '', 'settled'],
    ],
  },
  {
    name: 'held, operations running finish and none starts; released, they start again',
    maxParallel: 2,
    work: { a: 2, b: 2, c: 1 },
    rows: [
      ['wake', 'a b'],
      ['hold', 'a b'],
      ['end a', 'b'],
      ['wake', 'b'],
      ['end b', ''],
      ['release', 'c a'],
      ['end c', 'a b'],
    ],
  },
  {
    name: 'held, a settle runs to idle several at once, and the hold stays',
    maxParallel: 2,
    work: { a: 1, b: 1, c: 1 },
    rows: [
      ['hold', ''],
      ['wake', ''],
      ['settle', 'a b'],
      ['end a', 'b c'],
      ['end b', 'c'],
      ['end c', '', 'settled'],
    ],
  },
  {
    name: 'a step runs one operation in a free slot, held or not, of the unit asked for or the next in turn',
    maxParallel: 2,
    work: { a: 2, b: 1, c: 1 },
    rows: [
      ['hold', ''],
      ['step', 'a'],
      ['step', 'a b'],
      ['step', 'a b'],
      ['end b', 'a c', 'stepped b'],
      ['step a', 'a c'],
      ['end a', 'c a', 'stepped a'],
      ['end a', 'c', 'stepped a'],
      ['end c', '', 'stepped c'],
      ['step', '', 'stepped -'],
      ['step b', '', 'stepped -'],
    ],
  },
  {
    name: 'a step waits for the operations running when no other unit has anything to run',
    maxParallel: 2,
    work: { a: 2 },
    rows: [
      ['wake', 'a'],
      ['step', 'a'],
      ['end a', 'a'],
      ['end a', '', 'stepped a'],
      ['step', '', 'stepped -'],
    ],
  },
  {
    name: 'steps come before operations that start on their own',
    maxParallel: 1,
    work: { a: 2, b: 1, c: 1 },
    rows: [
      ['wake', 'a'],
      ['step c', 'a'],
      ['end a', 'c'],
      ['end c', 'b', 'stepped c'],
      ['end b', 'a'],
      ['end a', ''],
    ],
  },
  {
    name: 'a failing unit waits out its back-off while the others go on; a step tries it at once',
    maxParallel: 2,
    work: { a: 3, b: 1, c: 1 },
    rows: [
      ['wake', 'a b'],
      ['fail a', 'b c', 'failed a'],
      ['end b', 'c'],
      ['end c', ''],
      ['wake', ''],
      ['settle', '', 'settled'],
      ['step a', 'a'],
      ['end a', 'a', 'stepped a'],
      ['end a', ''],
    ],
  },
  {
    name: 'after stop no operation starts and steps run nothing; stop and a settle end when those running have',
    maxParallel: 2,
    work: { a: 2, b: 2, c: 2 },
    rows: [
      ['wake', 'a b'],
      ['stop', 'a b'],
      ['settle', 'a b'],
      ['step c', 'a b', 'stepped -'],
      ['end a', 'b'],
      ['end b', '', 'stopped, settled'],
      ['wake', ''],
    ],
  },
];

for (const script of scripts) {
  t.test(script.name, async (t) => {
    const harness = new Harness();
    const agents = Object.entries(script.work).map(([unit, work]) => harness.agent(unit, work));
    const { scheduler: s } = scheduler(agents, { firstMs: 60_000, maxMs: 60_000 }, script.maxParallel);
    t.teardown(() => void s.stop());
    const holds: Array<() => void> = [];
    for (const [action, running, events = ''] of script.rows) {
      const [verb, unit] = action.split(' ');
      const agent = agents.find((a) => a.unitName === unit);
      harness.events.length = 0;
      if (verb === 'wake') s.wake();
      else if (verb === 'hold') holds.push(s.hold());
      else if (verb === 'release') holds.pop()!();
      else if (verb === 'settle') void s.whenIdle().then(() => harness.events.push('settled'));
      else if (verb === 'step') void s.step(agent).then((turn) => harness.events.push(`stepped ${turn?.unit ?? '-'}`));
      else if (verb === 'end') harness.end(unit);
      else if (verb === 'fail') harness.end(unit, new Error('boom'));
      else if (verb === 'stop') void s.stop().then(() => harness.events.push('stopped'));
      else throw new Error(`script error: ${action}`);
      await settled();
      t.same({ running: harness.running.join(' '), events: harness.events.join(', ') }, { running, events }, action);
    }
    t.same(harness.violations, [], 'no unit ran two operations at once');
    t.ok(harness.peak <= script.maxParallel, `at most ${script.maxParallel} at once (${harness.peak})`);
  });
}
