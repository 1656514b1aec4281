// `make bench`: figures printed as ratios against a baseline measured in the same run.
//  1. A hook-tool call from inside a hook (relation-get through the native client and the
//     daemon) against spawning /bin/true from the same loop.
//  2. The agent's overhead per hook: a no-op hook fired through the daemon against spawning
//     the same handler directly with the same environment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'jsim-bench-'));
process.env.JUJU_SIM_HOME = home;
const { call } = await import('../cmd/client.js');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number): string => `${x.toFixed(2)} ms`;

const calls = Number(process.env.BENCH_CALLS ?? 300);
const hooks = Number(process.env.BENCH_HOOKS ?? 50);

try {
  await call('deploy', { charm: join(root, 'bench', 'charms', 'bench'), numUnits: 1 });
  await call('settle', {});
  const charmDir = join(home, 'models', 'default', 'agents', 'unit-bench-0', 'charm');

  // 1. hook-tool call vs /bin/true, both spawned from a bash loop inside a hook.
  writeFileSync(join(charmDir, 'bench-calls'), String(calls));
  const fired = (await call('fire', { hook: 'config-changed', unit: 'bench/0' })) as { outcome: string; stderr?: string };
  if (fired.outcome !== 'ok') throw new Error(`bench hook failed: ${fired.stderr}`);
  const read = (name: string): number[] => readFileSync(join(charmDir, name), 'utf8').trim().split('\n').map((l) => Number(l) / 1000);
  const tool = median(read('bench-tool.txt'));
  const baseline = median(read('bench-true.txt'));

  // 2. a no-op hook through the agent vs the same handler spawned directly.
  const hook = join(charmDir, 'hooks', 'update-status');
  const viaAgent: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < hooks; i++) {
    let t0 = performance.now();
    await call('fire', { hook: 'update-status', unit: 'bench/0' });
    viaAgent.push(performance.now() - t0);
    t0 = performance.now();
    spawnSync(hook, [], { cwd: charmDir, env: { PATH: process.env.PATH } });
    direct.push(performance.now() - t0);
  }
  const overhead = median(viaAgent) - median(direct);

  process.stdout.write(
    [
      `hook-tool call from a hook (median of ${calls}): relation-get ${ms(tool)}, /bin/true ${ms(baseline)}, ratio ${(tool / baseline).toFixed(2)}x (target <= 3x)`,
      `no-op hook (median of ${hooks}): via juju-sim ${ms(median(viaAgent))}, spawned directly ${ms(median(direct))}, agent overhead ${ms(overhead)} per hook (target <= 10 ms), ratio ${(median(viaAgent) / median(direct)).toFixed(2)}x`,
      '',
    ].join('\n'),
  );
} finally {
  await call('stop', {}, false).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
