// Runs a hook's or an action's handler the way Juju's runner does: `dispatch` if it is
// executable, else `hooks/<name>` or `actions/<name>`; or `exec` commands. The charm directory
// is the working directory, stdin is empty, and the environment is exactly the one given.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type OutputSink = (stream: 'stdout' | 'stderr', line: string) => void;

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

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

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

interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Spawns a process with no stdin, streaming its output as lines and collecting it whole. */
function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; sink?: OutputSink; signal?: AbortSignal },
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    // The signal kills it at once: its model is being destroyed with --force.
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    const collected: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
    const splitters = {
      stdout: lineSplitter((line) => options.sink?.('stdout', line)),
      stderr: lineSplitter((line) => options.sink?.('stderr', line)),
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        collected[stream].push(chunk);
        splitters[stream].push(chunk);
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      splitters.stdout.end();
      splitters.stderr.end();
      resolve({ code, signal, stdout: Buffer.concat(collected.stdout), stderr: Buffer.concat(collected.stderr) });
    });
  });
}

/** Finds and runs the handler of hook or action `name` in `charmDir`. */
export async function runHook(
  charmDir: string,
  location: 'hooks' | 'actions',
  name: string,
  env: Record<string, string>,
  sink: OutputSink,
  signal?: AbortSignal,
): Promise<HookProcessResult> {
  if (!existsSync(join(charmDir, 'metadata.yaml'))) return { outcome: 'failed', code: null, message: 'charm missing from disk' };
  let handler = 'dispatch';
  if (!isExecutable(join(charmDir, handler))) {
    handler = `${location}/${name}`;
    const path = join(charmDir, handler);
    if (!existsSync(path)) return { outcome: 'missing', code: null };
    if (!isExecutable(path)) return { outcome: 'failed', code: null, message: `exec: "${path}": permission denied`, handler };
  }
  return ended(await runProcess(join(charmDir, handler), [], { cwd: charmDir, env, sink, signal }), handler);
}

/** Runs `exec` commands as Juju's RunCommands does: `bash -c` in the charm directory, output returned, not logged. */
export async function runCommands(
  charmDir: string,
  command: string,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<HookProcessResult> {
  return ended(await runProcess('/bin/bash', ['-c', command], { cwd: charmDir, env, signal }));
}

/** How a process ended, in Juju's words. */
function ended(result: ProcessOutcome, handler?: string): HookProcessResult {
  const output = { handler, stdout: result.stdout, stderr: result.stderr };
  if (result.code === 0) return { outcome: 'ok', code: 0, ...output };
  const message = result.signal ? `signal: ${result.signal}` : `exit status ${result.code}`;
  return { outcome: 'failed', code: result.code, message, ...output };
}
