// Runs the real juju-sim command line against a temporary $JUJU_SIM_HOME, and stops that home's
// daemon when the test ends. It is the native front end (bin/juju-sim, as on a user's PATH),
// whose commands the daemon runs; with JUJU_SIM_TEST_CLI=node, the CLI run by Node (dist/).
import { execa } from 'execa';
import { exited, stopDaemon } from '../../agent/control/client.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './root.js';

export { root };
export const cli = join(root, 'dist', 'cmd', 'main.js');
export const frontEnd = join(root, 'bin', 'juju-sim');
const viaNode = process.env.JUJU_SIM_TEST_CLI === 'node';
/** The command and leading arguments that run `juju-sim`, and `juju`. */
const commandLine = viaNode ? [process.execPath, cli] : [frontEnd];
const jujuCommandLine = viaNode ? [process.execPath, cli] : [join(root, 'bin', 'juju')];
export const toolsDir = join(root, 'hooktools', 'bin');
export const charm = (name: string): string => join(root, 'charms', name);
export const fixture = (name: string): string => join(root, 'test', 'charms', name);

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface SimOptions {
  /** A $JUJU_SIM_HOME of the test's choosing (removed at the end too); a fresh one if absent. */
  home?: string;
  /**
   * The daemon's --max-parallel-hooks, through the variable its autostart honours; the
   * machine's default if absent. A test of one run's order across units pins 1.
   */
  maxParallelHooks?: number;
  /** More variables for the CLI and the daemon it starts (e.g. JUJU_SIM_FORK=0). */
  env?: Record<string, string>;
}

export class Sim {
  readonly home: string;
  private readonly env: Record<string, string>;

  constructor(t: Teardown, { home, maxParallelHooks, env }: SimOptions = {}) {
    this.home = home ?? mkdtempSync(join(tmpdir(), 'jsim-'));
    this.env = { ...env, JUJU_SIM_HOME: this.home };
    if (maxParallelHooks !== undefined) this.env.JUJU_SIM_MAX_PARALLEL_HOOKS = String(maxParallelHooks);
    // Stopped as `daemon stop` stops it, without one more Node process per test (that command
    // has tests of its own).
    t.teardown(async () => {
      await stopDaemon(this.home);
      rmSync(this.home, { recursive: true, force: true });
    });
  }

  /** Runs `juju-sim <args>`; never throws on a non-zero exit. */
  run(...args: string[]): Promise<Result> {
    return this.exec(commandLine, args, {});
  }

  /** Runs `juju <args>`: Juju's command line, as juju-sim answers it. */
  juju(...args: string[]): Promise<Result> {
    return this.exec(jujuCommandLine, args, viaNode ? { JUJU_SIM_COMMAND_LINE: 'juju' } : {});
  }

  private async exec(command: string[], args: string[], env: Record<string, string>): Promise<Result> {
    const r = await execa(command[0], [...command.slice(1), ...args], {
      env: { ...this.env, ...env },
      reject: false,
      stdin: 'ignore',
      stripFinalNewline: false,
    });
    return { code: r.exitCode ?? -1, stdout: r.stdout as string, stderr: r.stderr as string };
  }

  /**
   * Starts `juju-sim <args>` that keeps writing until interrupted (show --watch, history
   * --follow): wait for what it has written so far to satisfy a check, then interrupt it as
   * Ctrl-C would.
   */
  stream(...args: string[]): Streaming {
    const child = execa(commandLine[0], [...commandLine.slice(1), ...args], { env: this.env, reject: false, stdin: 'ignore' });
    let written = '';
    let check = (): void => {};
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      written += chunk;
      check();
    });
    return {
      until: (done, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`juju-sim ${args.join(' ')} never wrote what was awaited; it wrote:\n${written}`)), timeoutMs);
          check = () => {
            if (!done(written)) return;
            clearTimeout(timer);
            check = () => {};
            resolve(written);
          };
          check();
        }),
      interrupt: async () => {
        child.kill('SIGINT');
        const r = await child;
        return { code: r.exitCode ?? -1, stdout: written, stderr: r.stderr as string };
      },
    };
  }

  /** Runs `juju-sim <args>` and fails with its stderr unless it exits 0. */
  async ok(...args: string[]): Promise<string> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`juju-sim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  async json<T = any>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(...args, '--format', 'json')) as T;
  }

  /** The directory a unit's charm runs in. */
  unitCharmDir(unit: string): string {
    return join(this.home, 'models', 'default', 'agents', `unit-${unit.replace('/', '-')}`, 'charm');
  }
}

export interface Streaming {
  /** All it has written, once that satisfies done. */
  until(done: (written: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGINT, as Ctrl-C; what it wrote and how it ended. */
  interrupt(): Promise<Result>;
}

/** Whether a process has exited, as `daemon stop` waits for it. */
export { exited };

/** One unit's databag in one relation, from `show --format json`. */
export function unitData(show: any, unit: string, endpoint?: string): Record<string, string> | undefined {
  for (const relation of show.relations) {
    for (const side of relation.endpoints) {
      if (endpoint !== undefined && side.endpoint !== endpoint) continue;
      if (unit in side['units-data']) return side['units-data'][unit];
    }
  }
  return undefined;
}
