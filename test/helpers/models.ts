// Many models in one daemon, as the acceptance tests look at them: the hook journal of
// test/charms/hook-journal (every hook of every model, kept outside the models' state), and a
// populated model.
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, cli, fixture, type Result } from './sim.js';

/** test/charms/hook-journal. */
export const journal = fixture('hook-journal');

/** `juju-sim <args>` with extra environment (JUJU_MODEL). */
export async function runWith(sim: Sim, env: Record<string, string>, ...args: string[]): Promise<Result> {
  const r = await execa(process.execPath, [cli, ...args], {
    env: { JUJU_SIM_HOME: sim.home, ...env },
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout as string, stderr: r.stderr as string };
}

/** The journal's lines (test/charms/hook-journal) of one model: `<unit> <hook>`, in order. */
export function journaled(sim: Sim, model: string): string[] {
  const path = join(sim.home, 'journal');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${model} `))
    .map((line) => line.split(' ').slice(2).join(' '));
}

/** The model UUID every journal line of the model gives its hooks. */
export function journaledUuids(sim: Sim, model: string): string[] {
  const lines = readFileSync(join(sim.home, 'journal'), 'utf8').split('\n');
  return [...new Set(lines.filter((line) => line.startsWith(`${model} `)).map((line) => line.split(' ')[1]))];
}

/** Deploys a (providing) and b (requiring) of hook-journal, related, in the model, and settles it. */
export async function populate(sim: Sim, model: string): Promise<void> {
  await sim.ok('deploy', journal, 'a', '-m', model);
  await sim.ok('deploy', journal, 'b', '-m', model);
  await sim.ok('integrate', 'a:out', 'b:in', '--model', model);
  await sim.ok('settle', '-m', model);
}

/** The name of the model `status` shows. */
export const statusModel = async (sim: Sim, ...args: string[]): Promise<string> =>
  (JSON.parse(await sim.ok('status', '--format', 'json', ...args)) as { model: { name: string } }).model.name;
