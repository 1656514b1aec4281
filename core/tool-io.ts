// A hook tool's input and output (juju/cmd's Context, as Juju's jujuc server builds it), and the
// steps only the hook-tool client can take for it. The tool server builds one per call; the
// tools read and write through it.

/**
 * What only the hook-tool client can do for a tool, because it runs in the hook's process and the
 * daemon must not block on the caller's files: read its stdin, read a file, or create (truncate) a
 * file and write bytes to it. Paths are absolute.
 */
export type ClientStep = { kind: 'stdin' } | { kind: 'read'; path: string } | { kind: 'write'; path: string; data: Buffer };

/** How a step went: its failure in Go's words ('' when it succeeded), and the bytes it read. */
export interface StepOutcome {
  error: string;
  data: Buffer;
}

/** The steps the client has taken for this call: a step's outcome, undefined if not taken yet. */
export type ClientSteps = (step: ClientStep) => StepOutcome | undefined;

/**
 * A step the client has not taken yet. The tool server asks the client to take it; the client
 * sends the request again with the outcome, and the tool runs again from the start, so a tool
 * takes steps before it changes anything. runCommand re-throws this wherever it arises.
 */
export class NeedClientStepError extends Error {
  constructor(readonly step: ClientStep) {
    super(step.kind === 'stdin' ? 'hook tool requires stdin, none supplied' : `hook tool needs the client to ${step.kind} ${step.path}`);
  }
}

export interface Writer {
  write(data: string | Uint8Array): void;
}

export interface ToolIO {
  /** Absolute working directory of the calling process. */
  readonly dir: string;
  /** The client's stdin. */
  stdin(): Buffer;
  /** A file of the caller's (an absolute path) as the client read it; its open or read error, in
   *  Go's words, is thrown. */
  readFile(path: string): Buffer;
  /**
   * os.Create(path), then a write of contents(), done by the client. Go creates the file before
   * formatting what goes into it, so when contents() throws, the file is left created and empty
   * and that error is thrown; a failure to create or write the file, in Go's words, comes first.
   */
  createFile(path: string, contents: () => Buffer): void;
  readonly stdout: Writer;
  readonly stderr: Writer;
}

/** The ToolIO of a call whose client has taken `steps`; any other step throws NeedClientStepError. */
export function toolIO(dir: string, steps: ClientSteps, stdout: Writer, stderr: Writer): ToolIO {
  /** The bytes a step read; its failure is thrown. */
  const take = (step: ClientStep): Buffer => {
    const outcome = steps(step);
    if (outcome === undefined) throw new NeedClientStepError(step);
    if (outcome.error !== '') throw new Error(outcome.error);
    return outcome.data;
  };
  return {
    dir,
    stdin: () => take({ kind: 'stdin' }),
    readFile: (path) => take({ kind: 'read', path }),
    createFile(path, contents) {
      // The client creates and writes in one step, so the contents are formatted first; when
      // that fails the client writes nothing, and a failure to create the file still wins.
      let data: Buffer = Buffer.alloc(0);
      let failure: { error: unknown } | undefined;
      try {
        data = contents();
      } catch (error) {
        if (error instanceof NeedClientStepError) throw error;
        failure = { error };
      }
      take({ kind: 'write', path, data });
      if (failure !== undefined) throw failure.error;
    },
    stdout,
    stderr,
  };
}
