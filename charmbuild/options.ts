// What every build needs from its caller: where the cache is and where progress goes.
import { cacheRoot } from './cache.js';

/** Receives one progress line at a time (stderr for the CLI, a list in tests). */
export type Progress = (line: string) => void;

export interface BuildOptions {
  cache: string;
  /** Where relative charm paths are from: the caller's working directory (default: this process's). */
  cwd?: string;
  progress: Progress;
}

export const defaultBuildOptions = (): BuildOptions => ({
  cache: cacheRoot(),
  progress: (line) => process.stderr.write(`${line}\n`),
});
