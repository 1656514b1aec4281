// Fork servers under test (agent/runner/fork-servers.ts): the fork-probe charm run with fork
// servers (the default) and without (JUJU_SIM_FORK=0), its reports made comparable, and the
// processes a home's daemon leaves running.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonPaths } from '../../agent/paths.js';
import { Sim, fixture, type Result } from './sim.js';

export type Mode = 'fork' | 'fresh';
export const modeEnv = (mode: Mode): Record<string, string> => ({ JUJU_SIM_FORK: mode === 'fork' ? '1' : '0' });

/** The fork servers serving a home: Python processes running fork-server.py for its charms. */
export function forkServers(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes('fork-server.py') && cmdline.includes(home)) pids.push(Number(entry));
  }
  return pids;
}

/** Every process whose command line names the home: after `daemon stop`, there must be none. */
export function processesOf(home: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(home)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

export const daemonPid = (sim: Sim): number => Number(readFileSync(daemonPaths(sim.home).pidFile, 'utf8').trim());

/** What a test gives the helpers: somewhere to put clean-ups. */
interface Test {
  teardown(fn: () => unknown): void;
}

/**
 * The dispatch forms a probe is built with: juju-sim's own, and charmcraft's with the venv's
 * interpreter named and no `exec`, so that a shell stays between the hook and Python.
 */
export type Form = 'built' | 'charmcraft';
export const forms: Form[] = ['built', 'charmcraft'];
const charmcraftDispatch = '#!/bin/sh\n\nJUJU_DISPATCH_PATH="${JUJU_DISPATCH_PATH:-$0}" PYTHONPATH=lib:venv ./venv/bin/python ./src/charm.py\n';

export function probeSource(t: Test, form: Form): string {
  if (form === 'built') return fixture('fork-probe');
  const copy = mkdtempSync(join(tmpdir(), 'fork-probe-'));
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(fixture('fork-probe'), copy, { recursive: true });
  writeFileSync(join(copy, 'dispatch'), charmcraftDispatch, { mode: 0o755 });
  return copy;
}

export async function probe(t: Test, mode: Mode, form: Form = 'built'): Promise<Sim> {
  const sim = new Sim(t, { env: modeEnv(mode) });
  await sim.ok('deploy', probeSource(t, form), 'probe');
  await sim.ok('settle');
  return sim;
}

/** A fired hook's ending, with what differs between two homes, two hooks or two processes masked. */
export function normalised(sim: Sim, r: Result): { code: number; report: Record<string, unknown>; rest: string; stderr: string } {
  const mask = (text: string): string => text.replaceAll(sim.home, '<home>').replace(/[0-9a-f]{32}/g, '<id>').replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/g, '<uuid>');
  const [first, ...rest] = mask(r.stdout).split('\n');
  const report = JSON.parse(first) as Record<string, unknown>;
  // tap's process-info hook adds its variables to every process the daemon spawns, never to a forked one.
  const environ = report.environ as Record<string, string>;
  for (const name of Object.keys(environ)) if (name === 'NODE_OPTIONS' || name.startsWith('_TAPJS_')) delete environ[name];
  return { code: r.code, report, rest: rest.join('\n'), stderr: mask(r.stderr) };
}

const perProcess = ['pid', 'ppid', 'random'];
export const withoutPerProcess = (report: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(report).filter(([key]) => !perProcess.includes(key)));
