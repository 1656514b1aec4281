// The daemon: one per $JUJU_SIM_HOME. It owns the models (models.ts), the tool server (hook
// tools), the control server (the CLI run by Node) and the command-line server (the native front
// end, whose commands run here and call the control handlers in process), started and stopped
// through one lifecycle. The daemon lock
// (daemon-lock.ts) guards against two daemons.
import type Database from 'better-sqlite3';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { enqueueActions, listOperations, waitForAction } from './api/actions.js';
import { modelActivity } from './api/activity.js';
import { deployBundle, exportBundle } from './api/bundle.js';
import { configure } from './api/config.js';
import { debugHook, debugHookEnd, debugHookHeld } from './api/debug-hook.js';
import { debugLog } from './api/debug-log.js';
import { execCommand } from './api/exec.js';
import { modelConfig } from './api/model-config.js';
import { addOffer, consume, listOffers, showOffer } from './api/offers.js';
import { addSecret, grantSecret, listSecrets, removeSecret, showSecret, updateSecret } from './api/secrets.js';
import { resolveFire } from './api/fire.js';
import { showRelations } from './api/show.js';
import { modelDiff } from './api/diff.js';
import { statusLog } from './api/status-log.js';
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
import { CommandLineServer } from './cliserver/server.js';
import { parseSettings } from './charm/config.js';
import { readCharm } from './charm/metadata.js';
import { maxParallelHooksFrom } from './control/daemon-settings.js';
import { takeDaemonLock } from './daemon-lock.js';
import { JujuSimError, UsageError, entityNotFound } from '../core/errors.js';
import { ownPrivateDir, privateDir, privateFile } from './private-files.js';
import type { Model } from './model.js';
import { Models } from './models.js';
import { daemonPaths, installDir, type DaemonPaths } from './paths.js';
import { ToolServer } from './toolserver/server.js';
import { ForkServers } from './runner/fork-servers.js';

/** The hook-tool executables: the native client under every tool name. */
export const toolsDir = join(installDir, 'hooktools', 'bin');

/** How long a control connection may take to send its request line. */
const requestTimeoutMs = 10_000;

/** The methods that act on the controller, not on one model: each finds its models itself. */
type ControllerMethod = 'ping' | 'stop' | 'add-model' | 'destroy-model' | 'models' | 'switch-model';
/** signal: aborted when the caller is gone (a front end interrupted mid-settle). */
type Handlers = {
  [M in Exclude<Method, ControllerMethod>]: (params: Params<M>, model: Model, signal: AbortSignal) => Result<M> | Promise<Result<M>>;
};
type ControllerHandlers = { [M in ControllerMethod]: (params: Params<M>, signal: AbortSignal) => Result<M> | Promise<Result<M>> };

/** What a daemon is started with (agent/control/daemon-settings.ts). */
export interface DaemonSettings {
  maxParallelHooks: number;
}

export class Daemon {
  private readonly paths: DaemonPaths;
  private readonly logger: Logger;
  private readonly tools: ToolServer;
  private readonly forks?: ForkServers;
  private readonly commandLine: CommandLineServer;
  private readonly models: Models;
  private readonly lock: Database.Database;
  private control?: Server;
  private stopping?: Promise<void>;

  constructor(
    private readonly home: string,
    private readonly settings: DaemonSettings,
  ) {
    this.paths = daemonPaths(home);
    privateDir(home);
    ownPrivateDir(this.paths.dir);
    this.lock = takeDaemonLock(this.paths);
    // The daemon's own log; each model logs to its own (models.ts).
    const logFile = join(home, 'daemon.log');
    privateFile(logFile);
    this.logger = pino({ level: process.env.JUJU_SIM_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: true }));
    this.tools = new ToolServer(this.paths.toolSocket, this.logger.child({ component: 'tool-server' }));
    this.commandLine = new CommandLineServer(this.paths.cliSocket, this.logger.child({ component: 'command-line' }), (request, signal) =>
      this.handle(request, signal),
    );
    // JUJU_SIM_FORK=0: every Python hook starts a fresh interpreter, as before fork servers.
    if (process.env.JUJU_SIM_FORK !== '0') this.forks = new ForkServers(this.paths.dir, this.logger.child({ component: 'fork-servers' }));
    this.models = new Models({
      home,
      contexts: this.tools,
      logger: this.logger,
      toolSocket: this.paths.toolSocket,
      toolsDir,
      maxParallelHooks: settings.maxParallelHooks,
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
    await this.commandLine.start();
    this.logger.info({ home: this.home, pid: process.pid, ...this.settings }, 'daemon started');
    this.models.wake();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.logger.info('daemon stopping');
      await new Promise<void>((resolve) => (this.control ? this.control.close(() => resolve()) : resolve()));
      await this.commandLine.stop();
      // Hooks are killed before the tool socket goes, so none fails for want of its tools.
      await this.models.close();
      await this.tools.stop();
      await this.forks?.stop();
      for (const path of [this.paths.controlSocket, this.paths.cliSocket, this.paths.pidFile]) rmSync(path, { force: true });
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
        // What comes after the line is read and dropped, so that the caller's going (its end of
        // the connection closed) is seen while its request runs: a debug session it holds ends.
        socket.off('data', onData).on('data', () => {}).setTimeout(0);
        let request: ControlRequest;
        try {
          request = decodeRequest(Buffer.concat(chunks).toString('utf8'));
        } catch (err) {
          answer({ error: { message: (err as Error).message } });
          return;
        }
        const gone = new AbortController();
        socket.on('close', () => gone.abort(new Error('the caller went away')));
        void this.handle(request, gone.signal).then(answer);
      }
    };
    socket.on('data', onData);
    socket.setTimeout(requestTimeoutMs, () => socket.destroy());
    socket.on('error', (err) => this.logger.debug({ err }, 'control connection error'));
  }

  private async handle(request: ControlRequest, signal: AbortSignal): Promise<ControlReply> {
    // A request's method and params match (decodeRequest checked them), which TypeScript
    // cannot see through the union: this is the one place that says so.
    const method = request.method;
    try {
      const result = Object.hasOwn(this.controllerMethods, method)
        ? (this.controllerMethods[method as ControllerMethod] as (params: ControlRequest['params'], signal: AbortSignal) => unknown)(request.params, signal)
        : (this.methods[method as keyof Handlers] as (params: ControlRequest['params'], model: Model, signal: AbortSignal) => unknown)(
            request.params,
            this.models.get(request.params.model),
            signal,
          );
      return { result: (await result) ?? null };
    } catch (err) {
      if (!(err instanceof JujuSimError)) this.logger.error({ err, method: request.method }, 'request failed');
      return { error: { message: (err as Error).message } };
    }
  }

  /** What the CLI can ask of the controller (agent/control/protocol.ts); each returns plain JSON. */
  private readonly controllerMethods: ControllerHandlers = {
    ping: () => ({ pid: process.pid, home: this.home, ...this.settings }),
    stop: () => {
      setImmediate(() => void this.stop().then(() => process.exit(0)));
      return { stopped: true };
    },
    'add-model': (p) => this.models.summary(this.models.add(p.name, p.config ?? {}, p.noSwitch === true)),
    'destroy-model': async (p) => {
      await this.models.destroy(namedModel(p), p.force === true, 600_000);
      return null;
    },
    models: () => ({ models: this.models.all().map((m) => this.models.summary(m)), current: this.models.current() }),
    'switch-model': (p) => this.models.switchTo(namedModel(p)),
  };

  /** What the CLI can ask of a model: the one its request names, or the current one. */
  private readonly methods: Handlers = {
    deploy: (p, model) => {
      // Settings given at deploy are checked against the charm before anything is made, as in Juju.
      const config = parseSettings(readCharm(p.charm).options, p.config ?? {});
      const source = { dir: p.charm, path: p.charmPath, unitVenv: p.unitVenv };
      return model.deploy(source, p.application, p.numUnits ?? 1, config, { resources: uploaded(p.resources), trust: p.trust });
    },
    refresh: (p, model) =>
      model.refresh(p.application, { dir: p.charm, path: p.charmPath, unitVenv: p.unitVenv }, p.forceUnits === true, uploaded(p.resources)),
    trust: (p, model) => {
      model.controller.applications.setTrust(p.application, p.remove !== true);
      return null;
    },
    'model-constraints': (_, model) => model.controller.constraints(),
    'set-model-constraints': (p, model) => {
      model.controller.setConstraints(p.constraints);
      return null;
    },
    'deploy-bundle': (p, model) => deployBundle(model, p),
    'export-bundle': (_, model) => exportBundle(model.controller),
    'add-unit': (p, model) => ({ units: model.addUnits(p.application, p.numUnits ?? 1) }),
    integrate: (p, model) => model.integrate(p.first, p.second),
    'remove-relation': (p, model) => {
      model.removeRelation(p.first, p.second);
      return null;
    },
    'remove-unit': (p, model) => {
      p.units.forEach((u) => model.controller.life.destroyUnit(u));
      return null;
    },
    'remove-application': (p, model) => {
      for (const a of p.applications) {
        model.controller.remoteApplications.removeOffersOf(a);
        model.controller.life.destroyApplication(a);
      }
      return null;
    },
    elect: (p, model) => {
      model.elect(p.unit);
      return null;
    },
    status: (_, model) => modelStatus(model.controller),
    show: (p, model) => showRelations(model.controller, p),
    diff: (p, model) => modelDiff(model.controller, p.from, p.to),
    // Bounded, so that a caller that stopped listening holds nothing long.
    'wait-for-change': async (p, model, signal) => ({
      revision: await model.controller.waitForChange(p.since, Math.min(p.timeoutMs, 60_000), signal),
    }),
    'show-unit': (p, model) => showUnits(model.controller, p),
    settle: async (p, model, signal) => ({ errors: await model.settle(p.timeoutMs ?? 600_000, signal) }),
    activity: (_, model) => modelActivity(model),
    pause: (_, model) => {
      model.pause();
      return { paused: true };
    },
    resume: (_, model) => {
      model.resume();
      return { paused: false };
    },
    step: (p, model) => step(model, p.unit),
    fire: (p, model) => {
      const { unit, hook } = resolveFire(model.controller, p);
      const outcome = model.uniter(unit).fire(hook);
      model.scheduler.wake();
      return outcome;
    },
    'debug-hook': (p, model, signal) => debugHook(model, p, signal),
    'debug-hook-held': (p, model, signal) => debugHookHeld(model, p, signal),
    'debug-hook-end': (p, model) => debugHookEnd(model, p),
    exec: (p, model) => execCommand(model, p),
    run: (p, model) => enqueueActions(model.controller, p),
    'action-wait': (p, model, signal) => waitForAction(model.controller, p, signal),
    'show-operation': (p, model) => model.controller.actions.operation(p.id),
    operations: (p, model) => listOperations(model.controller, p),
    resolve: (p, model) => {
      model.uniter(model.controller.units.get(p.unit).name).resolve(p.noRetry === true);
      model.scheduler.wake();
      return null;
    },
    history: (p, model) => {
      const runs = model.controller.history.hookRuns(p.unit, p.after);
      // A removed unit keeps its history; a unit that never was has none.
      if (p.unit !== undefined && p.after === undefined && runs.length === 0) model.controller.units.get(p.unit);
      return runs;
    },
    'show-status-log': (p, model) => statusLog(model.controller, p),
    'hook-run': (p, model) => {
      const run = model.controller.history.hookRun(p.seq);
      if (!run) throw entityNotFound('hook run', String(p.seq));
      return run;
    },
    'debug-log': (p, model) => ({ lines: debugLog(model.controller, p) }),
    config: (p, model) => configure(model.controller, p),
    'model-config': (p, model) => modelConfig(model, p),
    'update-status': (p, model) => {
      model.updateStatus(p.target);
      return null;
    },
    'show-model': (_, model) => this.models.summary(model),
    offer: (p, model) => addOffer(model, p),
    offers: (_, model) => listOffers(model),
    'show-offer': (p, model) => showOffer(model, this.models, p),
    consume: (p, model) => consume(model, this.models, p),
    'remove-saas': (p, model) => {
      p.applications.forEach((a) => model.controller.remoteApplications.removeRemote(a));
      return null;
    },
    'remove-offer': (p, model) => {
      p.offers.forEach((o) => model.controller.remoteApplications.removeOffer(o.slice(o.lastIndexOf('.') + 1), p.force === true));
      return null;
    },
    'add-secret': (p, model) => addSecret(model.controller, p),
    'update-secret': (p, model) => updateSecret(model.controller, p),
    'remove-secret': (p, model) => removeSecret(model.controller, p),
    'grant-secret': (p, model) => grantSecret(model.controller, p, true),
    'revoke-secret': (p, model) => grantSecret(model.controller, p, false),
    secrets: (p, model) => listSecrets(model.controller, p),
    'show-secret': (p, model) => showSecret(model.controller, p),
  };
}

/** `--resource` files as the front end sends them (base64), as bytes. */
const uploaded = (files: Record<string, string> = {}): Record<string, Buffer> =>
  Object.fromEntries(Object.entries(files).map(([name, content]) => [name, Buffer.from(content, 'base64')]));

/** The model a controller method needs named: destroy-model and switch name one always. */
function namedModel(params: { model?: string }): string {
  if (params.model === undefined) throw new UsageError('no model specified');
  return params.model;
}

/** Entry point of the daemon process: `node dist/agent/daemon.js <home>`. */
async function main(): Promise<void> {
  const home = process.argv[2];
  if (!home) throw new Error('usage: daemon <home>');
  const daemon = new Daemon(home, { maxParallelHooks: maxParallelHooksFrom(process.env) });
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
