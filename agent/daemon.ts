// The daemon: one per $JUJU_SIM_HOME. It owns the model, the tool server (hook tools) and the
// control server (CLI), started and stopped through one lifecycle. The daemon lock
// (daemon-lock.ts) guards against two daemons.
import type Database from 'better-sqlite3';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { enqueueActions, waitForAction } from './api/actions.js';
import { deployBundle, exportBundle } from './api/bundle.js';
import { configure } from './api/config.js';
import { debugLog } from './api/debug-log.js';
import { execCommand } from './api/exec.js';
import { modelConfig } from './api/model-config.js';
import { resolveFire } from './api/fire.js';
import { showRelations } from './api/show.js';
import { showUnits } from './api/show-unit.js';
import { step } from './api/step.js';
import { modelStatus } from './api/status.js';
import {
  decodeRequest,
  encode,
  maxRequestBytes,
  type ControlReply,
  type ControlRequest,
  type Method,
  type Params,
  type Result,
} from './control/protocol.js';
import { takeDaemonLock } from './daemon-lock.js';
import { JujuSimError } from '../core/errors.js';
import { ownPrivateDir, privateDir, privateFile } from './private-files.js';
import { Model } from './model.js';
import { daemonPaths, defaultModel, modelPaths, type DaemonPaths } from './paths.js';
import { ToolServer } from './toolserver/server.js';
import { ForkServers } from './runner/fork-servers.js';

/** The hook-tool executables: the native client under every tool name. */
export const toolsDir = fileURLToPath(new URL('../../hooktools/bin', import.meta.url));

/** How long a control connection may take to send its request line. */
const requestTimeoutMs = 10_000;

type Handlers = { [M in Method]: (params: Params<M>) => Result<M> | Promise<Result<M>> };

export class Daemon {
  private readonly paths: DaemonPaths;
  private readonly logger: Logger;
  private readonly tools: ToolServer;
  private readonly forks?: ForkServers;
  private readonly model: Model;
  private readonly lock: Database.Database;
  private control?: Server;
  private stopping?: Promise<void>;

  constructor(private readonly home: string) {
    this.paths = daemonPaths(home);
    privateDir(home);
    ownPrivateDir(this.paths.dir);
    this.lock = takeDaemonLock(this.paths);
    const logFile = modelPaths(home, defaultModel).logFile;
    privateDir(modelPaths(home, defaultModel).root);
    privateFile(logFile);
    this.logger = pino({ level: process.env.JUJU_SIM_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: true }));
    this.tools = new ToolServer(this.paths.toolSocket, this.logger.child({ component: 'tool-server' }));
    // JUJU_SIM_FORK=0: every Python hook starts a fresh interpreter, as before fork servers.
    if (process.env.JUJU_SIM_FORK !== '0') this.forks = new ForkServers(this.paths.dir, this.logger.child({ component: 'fork-servers' }));
    this.model = new Model({
      home,
      name: defaultModel,
      contexts: this.tools,
      logger: this.logger,
      toolSocket: this.paths.toolSocket,
      toolsDir,
      forks: this.forks,
    });
  }

  async start(): Promise<void> {
    await this.tools.start();
    rmSync(this.paths.controlSocket, { force: true });
    const control = createServer((socket) => this.serve(socket));
    this.control = control;
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(this.paths.controlSocket, () => resolve());
    });
    chmodSync(this.paths.controlSocket, 0o600);
    this.logger.info({ home: this.home, pid: process.pid }, 'daemon started');
    this.model.scheduler.wake();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.logger.info('daemon stopping');
      await new Promise<void>((resolve) => (this.control ? this.control.close(() => resolve()) : resolve()));
      await this.tools.stop();
      this.model.close();
      await this.forks?.stop();
      for (const path of [this.paths.controlSocket, this.paths.pidFile]) rmSync(path, { force: true });
      this.lock.close();
    })();
    return this.stopping;
  }

  /**
   * Reads one request line from a control connection and answers it. Anything else a client
   * sends (a malformed or oversized line, bytes after the newline, silence) gets an error or a
   * closed connection, never a crash, a second run of the request or unbounded memory.
   */
  private serve(socket: Socket): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const answer = (reply: ControlReply): void => void socket.end(encode(reply));
    const onData = (chunk: Buffer): void => {
      const end = chunk.indexOf(0x0a);
      const part = end < 0 ? chunk : chunk.subarray(0, end);
      chunks.push(part);
      size += part.length;
      if (size > maxRequestBytes) {
        socket.off('data', onData).pause();
        answer({ error: { message: `bad request: longer than ${maxRequestBytes} bytes` } });
      } else if (end >= 0) {
        socket.off('data', onData).pause().setTimeout(0);
        let request: ControlRequest;
        try {
          request = decodeRequest(Buffer.concat(chunks).toString('utf8'));
        } catch (err) {
          answer({ error: { message: (err as Error).message } });
          return;
        }
        void this.handle(request).then(answer);
      }
    };
    socket.on('data', onData);
    socket.setTimeout(requestTimeoutMs, () => socket.destroy());
    socket.on('error', (err) => this.logger.debug({ err }, 'control connection error'));
  }

  private async handle(request: ControlRequest): Promise<ControlReply> {
    // A request's method and params match (decodeRequest checked them), which TypeScript
    // cannot see through the union: this is the one place that says so.
    const handler = this.methods[request.method] as (params: ControlRequest['params']) => unknown;
    try {
      return { result: (await handler(request.params)) ?? null };
    } catch (err) {
      if (!(err instanceof JujuSimError)) this.logger.error({ err, method: request.method }, 'request failed');
      return { error: { message: (err as Error).message } };
    }
  }

  /** What the CLI can ask for (agent/control/protocol.ts); each returns plain JSON. */
  private readonly methods: Handlers = {
    ping: () => ({ pid: process.pid, home: this.home }),
    stop: () => {
      setImmediate(() => void this.stop().then(() => process.exit(0)));
      return { stopped: true };
    },
    deploy: (p) => this.model.deploy({ dir: p.charm, path: p.charmPath, unitVenv: p.unitVenv }, p.application, p.numUnits ?? 1),
    refresh: (p) => this.model.refresh(p.application, { dir: p.charm, path: p.charmPath, unitVenv: p.unitVenv }, p.forceUnits === true),
    'deploy-bundle': (p) => deployBundle(this.model, p),
    'export-bundle': () => exportBundle(this.model.controller),
    'add-unit': (p) => ({ units: this.model.addUnits(p.application, p.numUnits ?? 1) }),
    integrate: (p) => this.model.integrate(p.first, p.second),
    'remove-relation': (p) => {
      this.model.removeRelation(p.first, p.second);
      return null;
    },
    'remove-unit': (p) => {
      p.units.forEach((u) => this.model.controller.life.destroyUnit(u));
      return null;
    },
    'remove-application': (p) => {
      p.applications.forEach((a) => this.model.controller.life.destroyApplication(a));
      return null;
    },
    elect: (p) => {
      this.model.elect(p.unit);
      return null;
    },
    status: () => modelStatus(this.model.controller),
    show: () => showRelations(this.model.controller),
    'show-unit': (p) => showUnits(this.model.controller, p),
    settle: async (p) => ({ errors: await this.model.settle(p.timeoutMs ?? 600_000) }),
    pause: () => {
      this.model.pause();
      return { paused: true };
    },
    resume: () => {
      this.model.resume();
      return { paused: false };
    },
    step: (p) => step(this.model, p.unit),
    fire: (p) => {
      const { unit, hook } = resolveFire(this.model.controller, p);
      const outcome = this.model.uniter(unit).fire(hook);
      this.model.scheduler.wake();
      return outcome;
    },
    exec: (p) => execCommand(this.model, p),
    run: (p) => enqueueActions(this.model.controller, p),
    'action-wait': (p) => waitForAction(this.model.controller, p),
    resolve: (p) => {
      this.model.uniter(this.model.controller.units.get(p.unit).name).resolve(p.noRetry === true);
      this.model.scheduler.wake();
      return null;
    },
    history: (p) => {
      const runs = this.model.controller.history.hookRuns(p.unit);
      // A removed unit keeps its history; a unit that never was has none.
      if (p.unit !== undefined && runs.length === 0) this.model.controller.units.get(p.unit);
      return runs;
    },
    'debug-log': (p) => ({ lines: debugLog(this.model.controller, p) }),
    config: (p) => configure(this.model.controller, p),
    'model-config': (p) => modelConfig(this.model, p),
    'update-status': (p) => {
      this.model.updateStatus(p.target);
      return null;
    },
  };
}

/** Entry point of the daemon process: `node dist/agent/daemon.js <home>`. */
async function main(): Promise<void> {
  const home = process.argv[2];
  if (!home) throw new Error('usage: daemon <home>');
  const daemon = new Daemon(home);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void daemon.stop().then(() => process.exit(0)));
  }
  await daemon.start();
  process.send?.('ready');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: Error) => {
    process.stderr.write(`ERROR ${err.message}\n`);
    process.exit(1);
  });
}
