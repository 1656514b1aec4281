// Runs a hook's or an action's handler the way Juju's runner does: `dispatch` if it is
// executable, else `hooks/<name>` or `actions/<name>`; or `exec` commands. The charm directory
// is the working directory, stdin is empty, and the environment is exactly the one given.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { goPathError } from '../../core/go-file.js';
import { isExecutableFile as isExecutable, pythonEntry } from './entry-point.js';
import type { ForkServers } from './fork-servers.js';
import { ProcessOutput, type OutputSink, type ProcessOutcome } from './output.js';

export type { OutputSink };

export interface HookProcessResult {
  /** ok: exit 0; failed: any other end; missing: no handler (a hook's silent success, an action's failure). */
  outcome: 'ok' | 'failed' | 'missing';
  code: number | null;
  /** Why it failed, in Juju's words (`exit status 1`, `charm missing from disk`, …). */
  message?: string;
  /** `dispatch`, `hooks/<name>` or `actions/<name>`, when a handler was found. */
  handler?: string;
  /** The process's output, when it ran. */
  stdout?: Buffer;
  stderr?: Buffer;
}

/**
 * A process that could not start (its `#!` interpreter missing, say) ends as Go's exec.Cmd.Start
 * fails in Juju's runner: no exit status, `fork/exec <path>: <errno>`. The hook or action fails
 * with that message; the unit agent goes on.
 */
const notStarted = (file: string, err: NodeJS.ErrnoException): ProcessOutcome => ({
  code: null,
  signal: null,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  failure: goPathError('fork/exec', file, err),
});

/** Spawns a process with no stdin, streaming its output as lines and collecting it whole. */
function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; sink?: OutputSink; signal?: AbortSignal; timeoutMs?: number },
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      // The signal kills it at once: its model is being destroyed with --force.
      child = spawn(file, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: options.signal,
        killSignal: 'SIGKILL',
        // A process with a time limit leads a process group, so that its children die with it.
        detached: options.timeoutMs !== undefined,
      });
    } catch (err) {
      // Node throws what it cannot report later (an exec format error, say).
      return resolve(notStarted(file, err as NodeJS.ErrnoException));
    }
    let cancelled = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            cancelled = true;
            try {
              process.kill(-child.pid!, 'SIGKILL');
            } catch {
              // Already gone.
            }
          }, options.timeoutMs);
    const output = new ProcessOutput(options.sink);
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => output.push(stream, chunk));
      child[stream].on('end', () => output.end(stream));
    }
    child.on('error', (err) => {
      clearTimeout(timer);
      if (child.pid === undefined) resolve(notStarted(file, err));
      else reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ...output.buffers(), ...(cancelled ? { cancelled } : {}) });
    });
  });
}

/**
 * The handler of hook or action `name` in `charmDir`, as Juju's runner finds it: `dispatch` if it
 * is executable, else `hooks/<name>` or `actions/<name>`; or, when none can run, how that ends.
 */
export function findHandler(charmDir: string, location: 'hooks' | 'actions', name: string): { handler: string } | HookProcessResult {
  if (!existsSync(join(charmDir, 'metadata.yaml'))) return { outcome: 'failed', code: null, message: 'charm missing from disk' };
  if (isExecutable(join(charmDir, 'dispatch'))) return { handler: 'dispatch' };
  const handler = `${location}/${name}`;
  const path = join(charmDir, handler);
  if (!existsSync(path)) return { outcome: 'missing', code: null };
  if (!isExecutable(path)) return { outcome: 'failed', code: null, message: `exec: "${path}": permission denied`, handler };
  return { handler };
}

/**
 * Finds and runs the handler of hook or action `name` in `charmDir`. A Python handler in a
 * form the runner recognises runs as a child of its fork server when `forks` is given and the
 * server can take it; any other handler, or one the server refuses, as a fresh process.
 */
export async function runHook(
  charmDir: string,
  location: 'hooks' | 'actions',
  name: string,
  env: Record<string, string>,
  sink: OutputSink,
  options: { signal?: AbortSignal; forks?: ForkServers } = {},
): Promise<HookProcessResult> {
  const found = findHandler(charmDir, location, name);
  if ('outcome' in found) return found;
  const { handler } = found;
  const { signal, forks } = options;
  const entry = forks && !signal?.aborted && pythonEntry(charmDir, handler, env);
  const forked = entry && (await forks.run(entry, env, sink, signal));
  return ended(forked || (await runProcess(join(charmDir, handler), [], { cwd: charmDir, env, sink, signal })), handler);
}

/** Runs `exec` commands as Juju's RunCommands does: `bash -c` in the charm directory, output returned, not logged. */
export async function runCommands(
  charmDir: string,
  command: string,
  env: Record<string, string>,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<HookProcessResult> {
  return ended(await runProcess('/bin/bash', ['-c', command], { cwd: charmDir, env, ...options }));
}

/** How a process ended, in Juju's words. */
export function ended(result: ProcessOutcome, handler?: string): HookProcessResult {
  const output = { handler, stdout: result.stdout, stderr: result.stderr };
  if (result.code === 0) return { outcome: 'ok', code: 0, ...output };
  // Juju's utils/exec says so of commands it killed at their timeout.
  if (result.cancelled) return { outcome: 'failed', code: result.code, message: 'command cancelled', ...output };
  const message = result.failure ?? (result.signal ? `signal: ${result.signal}` : `exit status ${result.code}`);
  return { outcome: 'failed', code: result.code, message, ...output };
}
