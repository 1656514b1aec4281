// Where things live. Everything of a model is under $JUJU_SIM_HOME/models/<model>; deleting
// that directory deletes the model. The daemon's sockets and pid file are in a 0700 directory.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultModel = 'default';

/**
 * The juju-sim checkout: the nearest directory above this module that holds package.json. Found
 * rather than counted in `..`s, since this code runs both as tsc wrote it (dist/agent/paths.js,
 * which the tests import) and bundled into dist/agent/daemon.js and dist/cmd/main.js (Makefile).
 */
export const installDir = ((): string => {
  const here = fileURLToPath(import.meta.url);
  for (let dir = dirname(here); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${here}`);
})();

export function simHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUJU_SIM_HOME) return env.JUJU_SIM_HOME;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'juju-sim');
}

export interface DaemonPaths {
  dir: string;
  controlSocket: string;
  /** The native front end's (agent/cliserver/); hooktools/client/jujuc.c computes the same path. */
  cliSocket: string;
  toolSocket: string;
  pidFile: string;
  /** Held by the running daemon; see takeDaemonLock. */
  lockFile: string;
}

/** A unix socket path must fit in 108 bytes; a long home puts the sockets under /tmp instead. */
const maxSocketPath = 100;

export function daemonPaths(home: string): DaemonPaths {
  let dir = join(home, 'run');
  if (join(dir, 'control.sock').length > maxSocketPath) {
    const digest = createHash('sha256').update(home).digest('hex').slice(0, 16);
    dir = join(tmpdir(), `juju-sim-${process.getuid?.() ?? 0}-${digest}`);
  }
  return {
    dir,
    controlSocket: join(dir, 'control.sock'),
    cliSocket: join(dir, 'cli.sock'),
    toolSocket: join(dir, 'tool.sock'),
    pidFile: join(dir, 'daemon.pid'),
    lockFile: join(dir, 'daemon.lock'),
  };
}

export interface ModelPaths {
  root: string;
  controllerDb: string;
  logFile: string;
  /** The application's own copy of its charm. */
  applicationCharm(application: string): string;
  /** Juju's agent directory of a unit: unit-<app>-<n>. */
  unitDir(unit: string): string;
  unitCharmDir(unit: string): string;
  unitStateDb(unit: string): string;
}

export function modelPaths(home: string, model: string): ModelPaths {
  const root = join(home, 'models', model);
  const unitDir = (unit: string): string => join(root, 'agents', `unit-${unit.replace('/', '-')}`);
  return {
    root,
    controllerDb: join(root, 'controller.db'),
    logFile: join(root, 'daemon.log'),
    applicationCharm: (application) => join(root, 'charms', application),
    unitDir,
    unitCharmDir: (unit) => join(unitDir(unit), 'charm'),
    unitStateDb: (unit) => join(unitDir(unit), 'agent.db'),
  };
}
