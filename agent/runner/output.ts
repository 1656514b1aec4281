// A hook process's output as the runner handles it, whichever way the process was started:
// each stream streamed line by line to the unit log and collected whole.

export type OutputSink = (stream: 'stdout' | 'stderr', line: string) => void;

export type StreamName = 'stdout' | 'stderr';

/** How a process ended, and what it wrote. */
export interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
  /** Why it has no exit status, in Juju's words: it never started, or its fork server died while it ran. */
  failure?: string;
  /** Killed, with the processes it started, when its time was up. */
  cancelled?: boolean;
}

/** Splits a stream into lines for the unit log; a last unterminated line is flushed at end. */
function lineSplitter(emit: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      if (rest !== '') emit(rest);
      rest = '';
    },
  };
}

/** Both output streams of one process: fed chunk by chunk, ended once each, read whole. */
export class ProcessOutput {
  private readonly collected: Record<StreamName, Buffer[]> = { stdout: [], stderr: [] };
  private readonly splitters;

  constructor(sink?: OutputSink) {
    this.splitters = {
      stdout: lineSplitter((line) => sink?.('stdout', line)),
      stderr: lineSplitter((line) => sink?.('stderr', line)),
    };
  }

  push(stream: StreamName, chunk: Buffer): void {
    this.collected[stream].push(chunk);
    this.splitters[stream].push(chunk);
  }

  end(stream: StreamName): void {
    this.splitters[stream].end();
  }

  buffers(): { stdout: Buffer; stderr: Buffer } {
    return { stdout: Buffer.concat(this.collected.stdout), stderr: Buffer.concat(this.collected.stderr) };
  }
}
