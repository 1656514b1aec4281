// The daemon: one per $JUJU_SIM_HOME. It owns the model, the tool server (hook tools) and the
// control server (CLI), started and stopped through one lifecycle. A pid file taken with an
// exclusive create guards against two daemons; a stale one from a killed daemon is cleared.
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { enqueueActions, waitForAction, type ActionWaitRequest, type RunRequest } from './api/actions.js';
import { debugLog, type DebugLogRequest } from './api/debug-log.js';
import { resolveFire } from './api/fire.js';
import { describeSettings, parseSettings } from './charm/config.js';
import { showRelations } from './api/show.js';
import { showUnits, type ShowUnitRequest } from './api/show-unit.js';
import { modelStatus } from './api/status.js';
import { encode, type ControlRequest } from './control/protocol.js';
import { relationIdOf, relationSides } from './controller/endpoints.js';
import { JujuSimError } from './errors.js';
import { Model } from './model.js';
import { daemonPaths, defaultModel, modelPaths, type DaemonPaths } from './paths.js';
import { ToolServer } from './toolserver/server.js';

/** The hook-tool executables: the native client under every tool name. */
export const toolsDir = fileURLToPath(new URL('../../hooktools/bin', import.meta.url));

/** Whether pid is a live process. A killed daemon whose parent has not reaped it yet is a
 *  zombie: kill(pid, 0) still succeeds, so on Linux its state in /proc settles it. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/** Takes the pid file, clearing what a dead daemon left behind. Throws if one is running. */
function takePidFile(paths: DaemonPaths): void {
  for (;;) {
    try {
      const fd = openSync(paths.pidFile, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
      if (pid && isAlive(pid)) throw new JujuSimError(`daemon already running (pid ${pid})`);
      for (const stale of [paths.pidFile, paths.controlSocket, paths.toolSocket]) rmSync(stale, { force: true });
    }
  }
}

type Params = Record<string, unknown>;
type Method = (params: Params) => unknown;

export class Daemon {
  private readonly paths: DaemonPaths;
  private readonly logger: Logger;
  private readonly tools: ToolServer;
  private readonly model: Model;
  private control?: Server;
  private stopping?: Promise<void>;

  constructor(private readonly home: string) {
    this.paths = daemonPaths(home);
    mkdirSync(this.paths.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.paths.dir, 0o700);
    takePidFile(this.paths);
    const logFile = modelPaths(home, defaultModel).logFile;
    mkdirSync(modelPaths(home, defaultModel).root, { recursive: true });
    this.logger = pino({ level: process.env.JUJU_SIM_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: true }));
    this.tools = new ToolServer(this.paths.toolSocket, this.logger.child({ component: 'tool-server' }));
    this.model = new Model({
      home,
      name: defaultModel,
      contexts: this.tools,
      logger: this.logger,
      toolSocket: this.paths.toolSocket,
      toolsDir,
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
      for (const path of [this.paths.controlSocket, this.paths.pidFile]) rmSync(path, { force: true });
    })();
    return this.stopping;
  }

  private serve(socket: Socket): void {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      const request = JSON.parse(buffered.slice(0, end)) as ControlRequest;
      void this.handle(request).then((reply) => socket.end(encode(reply)));
    });
    socket.on('error', (err) => this.logger.debug({ err }, 'control connection error'));
  }

  private async handle(request: ControlRequest): Promise<{ result: unknown } | { error: { message: string } }> {
    const method = this.methods[request.method];
    if (!method) return { error: { message: `unknown method "${request.method}"` } };
    try {
      return { result: (await method(request.params ?? {})) ?? null };
    } catch (err) {
      if (!(err instanceof JujuSimError)) this.logger.error({ err, method: request.method }, 'request failed');
      return { error: { message: (err as Error).message } };
    }
  }

  /** What the CLI can ask for. Each returns plain JSON. */
  private readonly methods: Record<string, Method> = {
    ping: () => ({ pid: process.pid, home: this.home }),
    stop: () => {
      setImmediate(() => void this.stop().then(() => process.exit(0)));
      return { stopped: true };
    },
    deploy: (p) =>
      this.model.deploy(p.charm as string, p.application as string | undefined, (p.numUnits as number) ?? 1, p.unitVenv as string | undefined),
    refresh: (p) => this.model.refresh(p.application as string, p.charm as string, p.unitVenv as string | undefined),
    'add-unit': (p) => ({ units: this.model.addUnits(p.application as string, (p.numUnits as number) ?? 1) }),
    integrate: (p) => this.model.integrate(p.first as string, p.second as string),
    'remove-relation': (p) => this.model.removeRelation(p.first as string, p.second as string),
    'remove-unit': (p) => (p.units as string[]).forEach((u) => this.model.controller.destroyUnit(u)),
    'remove-application': (p) => (p.applications as string[]).forEach((a) => this.model.controller.destroyApplication(a)),
    status: () => modelStatus(this.model.controller),
    show: () => showRelations(this.model.controller),
    'show-unit': (p) => showUnits(this.model.controller, p as unknown as ShowUnitRequest),
    settle: async (p) => ({ errors: await this.model.settle((p.timeoutMs as number) ?? 600_000) }),
    fire: async (p) => {
      const { unit, hook } = resolveFire(this.model.controller, p as { hook: string });
      const outcome = this.model.uniter(unit).fire(hook);
      this.model.scheduler.wake();
      return outcome;
    },
    exec: async (p) => {
      const controller = this.model.controller;
      const unit = controller.unit(p.unit as string);
      let relationId: number | undefined;
      let remoteApp = p.remoteApp as string | undefined;
      if (p.relation !== undefined) {
        const text = String(p.relation);
        relationId = relationIdOf(text);
        const relation = controller.relationsOf(unit.application).find((r) => r.id === relationId);
        if (!relation) throw new JujuSimError(`relation "${text}" not found for unit "${unit.name}"`);
        remoteApp ??= (p.remoteUnit as string | undefined)?.split('/')[0] ?? relationSides(relation, unit.application).remote.application;
      }
      const result = this.model.uniter(unit.name).exec({
        command: p.command as string,
        relationId,
        remoteUnit: p.remoteUnit as string | undefined,
        remoteApp,
      });
      this.model.scheduler.wake();
      return { id: String(controller.execTaskId()), unit: unit.name, ...(await result) };
    },
    run: (p) => enqueueActions(this.model.controller, p as unknown as RunRequest),
    'action-wait': (p) => waitForAction(this.model.controller, p as unknown as ActionWaitRequest),
    resolve: (p) => {
      this.model.uniter(this.model.controller.unit(p.unit as string).name).resolve(p.noRetry === true);
      this.model.scheduler.wake();
      return {};
    },
    history: (p) => this.model.controller.hookRuns(p.unit as string | undefined),
    'debug-log': (p) => ({ lines: debugLog(this.model.controller, p as DebugLogRequest) }),
    config: (p) => {
      const controller = this.model.controller;
      const app = controller.application(p.application as string);
      const set = parseSettings(app.meta.options, (p.set as Record<string, string>) ?? {});
      const reset = (p.reset as string[]) ?? [];
      for (const name of reset) if (!(name in app.meta.options)) throw new JujuSimError(`unknown option "${name}"`);
      if (Object.keys(set).length > 0 || reset.length > 0) {
        controller.updateConfig(app.name, { ...Object.fromEntries(reset.map((k) => [k, null])), ...set });
        return {};
      }
      return { application: app.name, charm: app.charmName, settings: describeSettings(app.meta.options, app.config) };
    },
  };
}

/** Entry point of the daemon process: `node dist/agent/daemon.js <home>`. */
async function main(): Promise<void> {
  const home = process.argv[2];
  if (!home) throw new Error('usage: daemon <home>');
  if (!existsSync(home)) mkdirSync(home, { recursive: true });
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
