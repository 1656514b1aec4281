// Fork servers: one Python process per charm interpreter and environment that has already
// imported what the charm's hooks import first, and forks a child per hook (fork-server.py).
// A hook then costs a fork instead of an interpreter start and the imports of ops or
// charms.reactive. Servers start on the first hook that needs one, are replaced when the
// charm or its dependencies change, and stop with the daemon. Whenever a server cannot take
// a hook (it failed to start, died, or refused because the charm's own files would shadow a
// module it imported) the hook runs as a fresh process: `run` answers undefined.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { signalName } from '../../core/signals.js';
import { installDir } from '../paths.js';
import { realPath, type PythonEntry } from './entry-point.js';
import { perHookVariables } from './environment.js';
import { ProcessOutput, type OutputSink, type ProcessOutcome, type StreamName } from './output.js';

/** The fork server's Python source, in the checkout beside this module's TypeScript. */
export const forkServerScript = join(installDir, 'agent', 'runner', 'fork-server.py');

/** How long a server may take to import what it preloads. */
const readyTimeoutMs = 60_000;
/** Servers kept at once; the least recently used goes first (each holds tens of megabytes). */
const maxServers = 16;

type Reply = { id: number; pid?: number; refused?: string; exit?: number; signal?: number; shellSaid?: string };

/**
 * What changes when the charm is refreshed (its charm URL) or its dependencies are (the
 * interpreter, what the dependency directories hold: a package's dist-info names its version).
 * Not their mtimes: the first import writes __pycache__ into them.
 */
function stamp(entry: PythonEntry): string {
  const charmURL = join(entry.cwd, '.juju-charm');
  return JSON.stringify({
    interpreter: realPath(entry.executable),
    dependencies: entry.dependencyDirs.map((dir) => [realPath(dir), readdirSync(dir).filter((name) => name !== '__pycache__').sort()]),
    charm: existsSync(charmURL) ? readFileSync(charmURL, 'utf8') : null,
  });
}

/** One server process and the hooks it is running. */
class ForkServer {
  readonly ready: Promise<boolean>;
  private readonly child: ChildProcess;
  private readonly control: Socket;
  private readonly waiting = new Map<number, (reply: Reply | undefined) => void>();
  private alive = true;
  private readonly exited: Promise<void>;
  /** The charm directory it serves. */
  readonly cwd: string;

  constructor(
    entry: PythonEntry,
    env: Record<string, string>,
    readonly stamp: string,
    logger: Logger,
  ) {
    this.cwd = entry.cwd;
    this.child = spawn(entry.executable, [forkServerScript, JSON.stringify({ charmDirs: entry.charmDirs, preload: entry.preload })], {
      argv0: entry.argv0,
      cwd: entry.cwd,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.control = this.child.stdio[3] as Socket;
    this.child.stderr!.on('data', (chunk: Buffer) => logger.warn({ output: chunk.toString('utf8') }, 'fork server output'));
    let announce: (ok: boolean) => void = () => {};
    this.ready = new Promise((resolve) => (announce = resolve));
    const timer = setTimeout(() => {
      logger.warn('fork server not ready in time');
      this.stop();
    }, readyTimeoutMs);
    let pending = '';
    this.control.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const message = JSON.parse(pending.slice(0, end)) as Reply & { ready?: unknown; error?: string };
        pending = pending.slice(end + 1);
        if (message.ready !== undefined || message.error !== undefined) {
          clearTimeout(timer);
          if (message.error) logger.warn({ error: message.error }, 'fork server could not start');
          announce(message.error === undefined);
        } else {
          this.waiting.get(message.id)?.(message);
        }
      }
    });
    this.control.on('error', () => {});
    this.child.on('error', (err) => logger.warn({ err }, 'fork server could not be run'));
    this.child.once('exit', (code, signal) => {
      this.alive = false;
      clearTimeout(timer);
      announce(false);
      logger.info({ code, signal }, 'fork server exited');
      for (const reply of this.waiting.values()) reply(undefined);
    });
  }

  get running(): boolean {
    return this.alive;
  }

  /** Sends a request; each reply (or undefined once the server is gone) goes to onReply. */
  request(request: Record<string, unknown> & { id: number }, onReply: (reply: Reply | undefined) => void): void {
    if (!this.alive) return onReply(undefined);
    this.waiting.set(request.id, onReply);
    this.control.write(`${JSON.stringify(request)}\n`);
  }

  done(id: number): void {
    this.waiting.delete(id);
  }

  /** End of file on its control socket stops it; hooks it started run to their end. */
  stop(): Promise<void> {
    this.control.end();
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    return this.exited.finally(() => clearTimeout(kill));
  }
}

export class ForkServers {
  /** By what the server is started with (interpreter, directory, environment, preload). */
  private readonly servers = new Map<string, ForkServer>();
  /** Stamps of servers that could not start: not tried again until the charm changes. */
  private readonly broken = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly socketDir: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs the hook as a child of the entry's server, or answers undefined when it cannot. The
   * signal kills the child at once and fails the run, as it does a spawned hook.
   */
  async run(entry: PythonEntry, hookEnv: Record<string, string>, sink: OutputSink, signal?: AbortSignal): Promise<ProcessOutcome | undefined> {
    const env = { ...hookEnv, ...entry.env };
    const server = await this.server(entry, env);
    if (!server || signal?.aborted) return undefined;
    const outcome = await this.fork(server, entry, env, sink, signal);
    if (signal?.aborted) throw Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError' });
    // One that died just now, too.
    if (!outcome && !server.running) void this.server(entry, env);
    return outcome;
  }

  async stop(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(servers.map((s) => s.stop()));
  }

  /** Stops the servers of a charm directory whose unit has left the model. */
  release(charmDir: string): void {
    for (const [key, server] of this.servers) {
      if (server.cwd !== charmDir) continue;
      this.servers.delete(key);
      void server.stop();
    }
  }

  /** The running server for the entry, started if need be; undefined if there is none to use. */
  private async server(entry: PythonEntry, env: Record<string, string>): Promise<ForkServer | undefined> {
    const serverEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !perHookVariables.has(name)));
    const key = JSON.stringify([entry.argv0, entry.executable, entry.cwd, entry.preload, entry.charmDirs, Object.entries(serverEnv).sort()]);
    let current: string;
    try {
      current = stamp(entry);
    } catch {
      return undefined;
    }
    if (this.broken.get(key) === current) return undefined;
    let server = this.servers.get(key);
    const died = server !== undefined && !server.running;
    if (server && (server.stamp !== current || died)) {
      this.servers.delete(key);
      void server.stop();
      server = undefined;
    }
    if (!server) {
      server = new ForkServer(entry, serverEnv, current, this.logger.child({ component: 'fork-server', cwd: entry.cwd }));
      this.servers.set(key, server);
      this.evict();
      // A server that died is replaced at once, while this hook runs as a fresh process.
      if (died) return undefined;
    }
    // Most recently used last.
    this.servers.delete(key);
    this.servers.set(key, server);
    if (await server.ready) return server;
    if (this.servers.get(key) === server) this.servers.delete(key);
    this.broken.set(key, current);
    return undefined;
  }

  private evict(): void {
    while (this.servers.size > maxServers) {
      const [key, oldest] = this.servers.entries().next().value!;
      this.servers.delete(key);
      void oldest.stop();
    }
  }

  /**
   * Forks the hook. Its output arrives on a socket of its own, one connection per stream; it
   * has ended when the server reported its exit and both streams closed, as a spawned
   * process's `close`.
   */
  private async fork(
    server: ForkServer,
    entry: PythonEntry,
    env: Record<string, string>,
    sink: OutputSink,
    signal?: AbortSignal,
  ): Promise<ProcessOutcome | undefined> {
    const id = ++this.sequence;
    const socketPath = join(this.socketDir, `f${id}.sock`);
    const output = new ProcessOutput(sink);
    let connected = 0;
    let closed = 0;
    let streamsClosed: () => void = () => {};
    const allClosed = new Promise<void>((resolve) => (streamsClosed = resolve));
    const listener: Server = createServer((socket) => {
      connected++;
      if (connected === 2) listener.close();
      let stream: StreamName | undefined;
      socket.on('data', (chunk: Buffer) => {
        if (!stream) {
          stream = chunk[0] === 0x31 ? 'stdout' : 'stderr';
          chunk = chunk.subarray(1);
        }
        if (chunk.length > 0) output.push(stream, chunk);
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        if (stream) output.end(stream);
        if (++closed === 2) streamsClosed();
      });
    });
    try {
      rmSync(socketPath, { force: true });
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(socketPath, () => resolve());
      });
      chmodSync(socketPath, 0o600);
    } catch (err) {
      this.logger.warn({ err }, 'no socket for a forked hook');
      if (listener.listening) listener.close();
      return undefined;
    }
    const stopListening = (): void => {
      if (listener.listening) listener.close();
    };

    // Listening on the model's long-lived signal: removed once the hook has ended.
    let kill: (() => void) | undefined;
    const ended = await new Promise<Reply | 'refused' | undefined>((resolve) => {
      let started = false;
      server.request({ id, argv: entry.argv, cwd: entry.cwd, env, socket: socketPath, signalExit: entry.signalExit }, (reply) => {
        if (reply?.pid !== undefined) {
          started = true;
          const pid = reply.pid;
          kill = () => process.kill(pid, 'SIGKILL');
          signal?.addEventListener('abort', kill, { once: true });
          return;
        }
        server.done(id);
        if (reply?.refused !== undefined) this.logger.debug({ cwd: entry.cwd, why: reply.refused }, 'fork server refused a hook');
        // A server gone before the child started: the hook runs fresh.
        resolve(reply?.refused !== undefined || (!reply && !started) ? 'refused' : reply);
      });
    });
    if (kill) signal?.removeEventListener('abort', kill);
    if (ended === 'refused') {
      stopListening();
      return undefined;
    }
    await allClosed;
    stopListening();
    // What the shell would have written once its child had died, after all the child wrote.
    if (ended?.shellSaid) {
      output.push('stderr', Buffer.from(ended.shellSaid));
      output.end('stderr');
    }
    const { stdout, stderr } = output.buffers();
    if (!ended) return { code: null, signal: null, stdout, stderr, failure: 'fork server died: exit status unknown' };
    const killedBy = ended.signal === undefined ? null : (signalName(ended.signal) ?? null);
    return { code: ended.exit ?? null, signal: killedBy, stdout, stderr };
  }
}
