// The progress line of long commands (settle, deploy): on a terminal, one line on stderr, redrawn
// as the model's units work (operations run since the command began, units waiting to run one,
// what runs now, and the step a build is at), and cleared at the end. Off a terminal, not a byte.
import type { Activity } from '../agent/control/protocol.js';
import type { CommandIO } from './io.js';

/** How often the line is redrawn. */
const intervalMs = 200;

/**
 * The line: `<label>: [<note> · ]<n> run, <m> waiting[, running <unit> <operation>, …]`, cut to
 * fit `columns` less one (a line that fills the terminal would wrap, and \r would redraw only its
 * last part). `ranBefore`: the operations run before the command began.
 */
export function progressLine(label: string, activity: Activity, ranBefore: number, columns: number, note?: string): string {
  const counts = `${activity.ran - ranBefore} run, ${activity.waiting} waiting`;
  const running = activity.running.map((r) => `${r.unit} ${r.operation}`).join(', ');
  const line = `${label}: ${note ? `${note} · ` : ''}${counts}${running ? `, running ${running}` : ''}`;
  const width = Math.max(columns - 1, 10);
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

export interface Progress {
  /** A step (a build's): in the line until the next one on a terminal; else a line of its own, as builds print them. */
  note(text: string): void;
  /** Stops redrawing and clears the line. */
  stop(): Promise<void>;
}

/** The line of `label`, redrawn while the command runs; nothing at all when stderr is not a terminal. */
export function startProgress(io: CommandIO, label: string): Progress {
  if (!io.stderr.isTTY) return { note: (text) => io.stderr.write(`${text}\n`), stop: async () => {} };
  let note: string | undefined;
  let ranBefore: number | undefined;
  let last: Activity | undefined;
  let stopped = false;
  const draw = (): void => {
    if (stopped || !last) return;
    io.stderr.write(`\r${progressLine(label, last, ranBefore ?? last.ran, io.stderr.columns || 80, note)}\x1b[K`);
  };
  const poll = async (): Promise<void> => {
    try {
      last = await io.call('activity', {});
      ranBefore ??= last.ran;
      draw();
    } catch {
      // The command reports its own failures; the line just stops changing.
    }
  };
  let polling = poll();
  const timer = setInterval(() => (polling = polling.then(poll)), intervalMs);
  return {
    note(text) {
      note = text;
      draw();
    },
    async stop() {
      clearInterval(timer);
      await polling;
      stopped = true;
      if (last) io.stderr.write('\r\x1b[K');
    },
  };
}

/** Runs `work` with the progress line of `label` shown meanwhile. */
export async function withProgress<T>(io: CommandIO, label: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = startProgress(io, label);
  try {
    return await work(progress);
  } finally {
    await progress.stop();
  }
}
