// The CLI's side of the control protocol. It finds the daemon of $JUJU_SIM_HOME through the
// control socket and starts one when none answers.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { encode, type ControlReply } from '../agent/control/protocol.js';
import { daemonPaths, simHome } from '../agent/paths.js';

export class CommandError extends Error {}

const daemonScript = fileURLToPath(new URL('../agent/daemon.js', import.meta.url));

/** Errors that mean "nobody is listening", as opposed to a daemon that failed. */
const notListening = new Set(['ENOENT', 'ECONNREFUSED']);

function request(socketPath: string, method: string, params: Record<string, unknown>): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(encode({ method, params })));
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(data) as ControlReply);
      } catch {
        reject(new CommandError(`daemon closed the connection without answering ${method}`));
      }
    });
    socket.on('error', reject);
  });
}

/** Starts the daemon in the background and waits until it is ready. */
export function startDaemon(home = simHome()): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [daemonScript, home], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, JUJU_SIM_HOME: home },
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    child.on('message', () => {
      child.disconnect();
      child.stderr!.destroy();
      child.unref();
      resolve();
    });
    child.on('exit', (code) => {
      // Another CLI may have started one first: that is as good as ours.
      if (stderr.includes('already running')) resolve();
      else reject(new CommandError(stderr.trim().replace(/^ERROR /, '') || `daemon exited with code ${code}`));
    });
  });
}

export async function daemonRunning(home = simHome()): Promise<boolean> {
  try {
    await request(daemonPaths(home).controlSocket, 'ping', {});
    return true;
  } catch (err) {
    if (notListening.has((err as NodeJS.ErrnoException).code ?? '')) return false;
    throw err;
  }
}

/** Calls the daemon, starting it first if needed (unless autoStart is false). */
export async function call<T = unknown>(method: string, params: Record<string, unknown> = {}, autoStart = true): Promise<T> {
  const home = simHome();
  const socket = daemonPaths(home).controlSocket;
  let reply: ControlReply;
  try {
    reply = await request(socket, method, params);
  } catch (err) {
    if (!autoStart || !notListening.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    await startDaemon(home);
    reply = await request(socket, method, params);
  }
  if ('error' in reply) throw new CommandError(reply.error.message);
  return reply.result as T;
}
