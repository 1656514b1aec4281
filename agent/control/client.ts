// The CLI's side of the control protocol. It finds the daemon of $JUJU_SIM_HOME through the
// control socket and starts one when none answers. Inside the daemon, where the native front end's
// commands run, the same calls go to the daemon's handlers in process (inProcessCall).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { maxParallelHooksVariable } from './daemon-settings.js';
import { decodeRequest, encode, type ControlReply, type ControlRequest, type Method, type Params, type Result } from './protocol.js';
import { daemonPaths, installDir, simHome } from '../paths.js';
import { checkOwnDir } from '../private-files.js';
import { JujuSimError } from '../../core/errors.js';

// The commands may import nothing of the agent but this protocol and its client (README's
// dependency rules); the client cloud store is found from the same home.
export { simHome };

const daemonScript = join(installDir, 'dist', 'agent', 'daemon.js');

/** Errors that mean "nobody is listening", as opposed to a daemon that failed. */
const notListening = new Set(['ENOENT', 'ECONNREFUSED']);

function request(socketPath: string, { method, params }: ControlRequest): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(encode({ method, params } as ControlRequest)));
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(data) as ControlReply);
      } catch {
        reject(new JujuSimError(`daemon closed the connection without answering ${method}`));
      }
    });
    socket.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a CLI waits for a daemon that another CLI is starting, or that is stopping. */
const daemonWaitMs = 30_000;

/** Waits until check() is true; false if it never is within daemonWaitMs. */
async function waitUntil(check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const deadline = Date.now() + daemonWaitMs; Date.now() < deadline; await sleep(20)) {
    if (await check()) return true;
  }
  return false;
}

/**
 * Starts the daemon in the background and waits until it answers. Its settings come from its
 * environment (daemon-settings.ts; this process's unless another is given), or from
 * `maxParallelHooks` when given.
 */
export async function startDaemon(
  home = simHome(),
  { maxParallelHooks, env: environment = process.env }: { maxParallelHooks?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  const lostRace = await new Promise<boolean>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...environment, JUJU_SIM_HOME: home };
    if (maxParallelHooks !== undefined) env[maxParallelHooksVariable] = String(maxParallelHooks);
    const child = spawn(process.execPath, [daemonScript, home], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env,
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    child.on('message', () => {
      child.disconnect();
      child.stderr!.destroy();
      child.unref();
      resolve(false);
    });
    child.on('exit', (code) => {
      if (stderr.includes('already running')) resolve(true);
      else reject(new JujuSimError(stderr.trim().replace(/^ERROR /, '') || `daemon exited with code ${code}`));
    });
  });
  // Another CLI started one first: that is as good as ours once it listens.
  if (lostRace && !(await waitUntil(() => daemonRunning(home)))) {
    throw new JujuSimError(`the daemon of ${home} did not answer within ${daemonWaitMs / 1000}s`);
  }
}

export async function daemonRunning(home = simHome()): Promise<boolean> {
  return (await runningDaemon(home)) !== undefined;
}

/** The ping of the home's daemon (its pid, its settings), or undefined when none listens. */
async function runningDaemon(home: string): Promise<Result<'ping'> | undefined> {
  const paths = daemonPaths(home);
  checkOwnDir(paths.dir);
  try {
    return resultOf<'ping'>(await request(paths.controlSocket, { method: 'ping', params: {} }));
  } catch (err) {
    if (notListening.has((err as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw err;
  }
}

/** Whether pid has exited: no such process, or a zombie its parent has not reaped (a detached
 *  daemon's parent is long gone, and a container's init may never reap it). */
export function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

/** Asks the daemon to stop and returns once its process has exited, its databases closed. */
export async function stopDaemon(home = simHome()): Promise<void> {
  // This home's daemon, which need not be the one of this process's environment.
  const running = await runningDaemon(home);
  if (running === undefined) return;
  const { pid } = running;
  resultOf<'stop'>(await request(daemonPaths(home).controlSocket, { method: 'stop', params: {} }));
  if (!(await waitUntil(() => exited(pid)))) {
    throw new JujuSimError(`the daemon of ${home} did not stop within ${daemonWaitMs / 1000}s`);
  }
}

/** How a command calls the daemon, whichever way it reaches it. */
export type ControlCall = <M extends Method>(method: M, params: Params<M>) => Promise<Result<M>>;

/** The result of a reply; its error is thrown. */
function resultOf<M extends Method>(reply: ControlReply): Result<M> {
  if ('error' in reply) throw new JujuSimError(reply.error.message);
  return reply.result as Result<M>;
}

/** The daemon's handler of a checked request; `signal` aborts when the caller is gone. */
export type ControlHandler = (request: ControlRequest, signal: AbortSignal) => Promise<ControlReply>;

/**
 * Calls in process, for commands the daemon runs itself. Requests and replies pass through the
 * protocol's JSON as on the socket, so that the handlers get exactly the checked params and the
 * command exactly the plain result (nothing shared with the daemon's own state).
 */
export const inProcessCall =
  (handle: ControlHandler, signal: AbortSignal): ControlCall =>
  async (method, params) => {
    const request = decodeRequest(encode({ method, params } as ControlRequest).trimEnd());
    return resultOf(JSON.parse(encode(await handle(request, signal))) as ControlReply);
  };

/** Calls the daemon, starting it first if needed (unless autoStart is false). */
export async function call<M extends Method>(method: M, params: Params<M>, autoStart = true): Promise<Result<M>> {
  const home = simHome();
  const paths = daemonPaths(home);
  checkOwnDir(paths.dir);
  const message = { method, params } as ControlRequest;
  let reply: ControlReply;
  try {
    reply = await request(paths.controlSocket, message);
  } catch (err) {
    if (!autoStart || !notListening.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    await startDaemon(home);
    reply = await request(paths.controlSocket, message);
  }
  return resultOf(reply);
}
