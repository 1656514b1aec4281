// A build runs as named steps; a step that fails fails the build with the tail of its output,
// which is where pip and Python put the reason.
import type { Progress } from './options.js';

/** How many lines of a failed command's output the error keeps. */
const tailLines = 15;

export class BuildError extends Error {
  constructor(charm: string, step: string, output: string) {
    const lines = output.trimEnd().split('\n');
    super(`building charm ${charm}: ${step} failed: ${lines.slice(-tailLines).join('\n')}`);
  }
}

export interface StepOptions {
  cwd?: string;
}

/** Runs one command of a build; its output is kept only to explain a failure. */
export type Step = (step: string, command: string, args: string[], options?: StepOptions) => Promise<void>;

export function steps(charm: string, progress: Progress): Step {
  return async (step, command, args, options = {}) => {
    progress(`building charm ${charm}: ${step}…`);
    // Loaded by the first build step, not with the module: execa costs ~130 ms of CPU to load,
    // which every daemon and command line would pay at start for builds a cached charm never runs.
    const { execa } = await import('execa');
    const r = await execa(command, args, { cwd: options.cwd, reject: false, all: true, stdin: 'ignore' });
    if (r.exitCode !== 0) throw new BuildError(charm, step, String(r.all ?? '') || (r.message ?? `exit code ${r.exitCode}`));
  };
}
