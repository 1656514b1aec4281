// The progress line of settle and deploy (cmd/progress.ts): its text as a table, and the line
// drawn on a pretend terminal, where there is one, and not a byte where there is none.
import t from 'tap';
import type { Activity } from '../../agent/control/protocol.js';
import type { CommandIO } from '../../cmd/io.js';
import { runCommandLine } from '../../cmd/program.js';
import { progressLine } from '../../cmd/progress.js';

t.test('the line: counts since the command began, what runs, the note; cut to the terminal', async (t) => {
  const idle: Activity = { ran: 7, waiting: 0, running: [] };
  const busy: Activity = {
    ran: 12,
    waiting: 3,
    running: [
      { unit: 'demo/0', operation: 'config-changed' },
      { unit: 'redis/1', operation: 'redis-relation-changed' },
    ],
  };
  const cases: Array<[string, Activity, number, number, string | undefined, string]> = [
    ['settle', idle, 7, 80, undefined, 'settle: 0 run, 0 waiting'],
    ['settle', busy, 7, 100, undefined, 'settle: 5 run, 3 waiting, running demo/0 config-changed, redis/1 redis-relation-changed'],
    ['settle', busy, 7, 40, undefined, 'settle: 5 run, 3 waiting, running demo…'],
    ['deploy', idle, 7, 80, 'building charm x: creating the venv…', 'deploy: building charm x: creating the venv… · 0 run, 0 waiting'],
    // A terminal of no width, or an absurd one, still gets a line it can hold.
    ['settle', idle, 0, 3, undefined, 'settle: 7…'],
  ];
  for (const [label, activity, before, columns, note, line] of cases) {
    t.equal(progressLine(label, activity, before, columns, note), line, line);
    t.ok(progressLine(label, activity, before, columns, note).length <= Math.max(columns - 1, 10));
  }
});

/** A CommandIO whose stderr is a terminal or not, and whose daemon settles after a while, busy meanwhile. */
function pretend(isTTY: boolean): { io: CommandIO; stderr: () => string } {
  let written = '';
  let polls = 0;
  const output = { write: () => {}, isTTY: false };
  const call = async (method: string): Promise<unknown> => {
    if (method === 'activity') {
      polls++;
      return { ran: 40 + polls, waiting: 1, running: [{ unit: 'demo/0', operation: 'install' }] } satisfies Activity;
    }
    if (method === 'settle') {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return { errors: [] };
    }
    throw new Error(`unexpected call ${method}`);
  };
  const io: CommandIO = {
    stdout: output,
    stderr: { write: (data) => void (written += String(data)), isTTY, columns: isTTY ? 120 : undefined },
    cwd: '/',
    env: {},
    exitCode: 0,
    signal: new AbortController().signal,
    call: call as CommandIO['call'],
    stdin: async () => Buffer.alloc(0),
    readFile: async () => Buffer.alloc(0),
    writeFile: async () => {},
    runInteractive: async () => ({ code: 0, signal: null }),
  };
  return { io, stderr: () => written };
}

t.test('settle draws the line on a terminal, redrawn and cleared at the end', async (t) => {
  const { io, stderr } = pretend(true);
  t.equal(await runCommandLine(['settle'], io), 0);
  const text = stderr();
  t.match(text, /^\rsettle: 0 run, 1 waiting, running demo\/0 install\x1b\[K/);
  t.match(text, /\rsettle: [1-9]\d* run, 1 waiting, running demo\/0 install\x1b\[K/, 'redrawn as operations run');
  t.ok(text.endsWith('\r\x1b[K'), 'cleared');
  t.notOk(text.includes('\n'), 'one line, never a new one');
});

t.test('off a terminal, not a byte of it', async (t) => {
  const { io, stderr } = pretend(false);
  t.equal(await runCommandLine(['settle'], io), 0);
  t.equal(stderr(), '');
});
