// A hook or an action whose process cannot start (its `#!` interpreter is missing, as layer-basic's
// `#!/usr/local/sbin/charm-env python3` is off a Juju machine) fails as Juju's runner fails it when
// exec.Cmd.Start does: the hook or the action, with `fork/exec <path>: <errno>`, never the unit
// agent, which goes on running the unit's other hooks and actions.
import t from 'tap';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim } from '../helpers/sim.js';

/** A bash charm whose update-status hook and `broken` action name an interpreter that is not there. */
function unstartableCharm(t: { teardown(fn: () => unknown): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'unstartable-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'metadata.yaml'), 'name: unstartable\nsummary: Handlers whose interpreter is missing.\ndescription: For tests.\n');
  writeFileSync(join(dir, 'actions.yaml'), 'broken:\n  description: Its interpreter is missing.\nworking:\n  description: Runs.\n');
  const handler = (path: string, text: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), 0o755);
  };
  handler('hooks/update-status', '#!/nonexistent/interpreter\n');
  handler('actions/broken', '#!/nonexistent/charm-env python3\n');
  handler('actions/working', '#!/bin/sh\naction-set ran=yes\n');
  return dir;
}

t.test('a handler that cannot start fails itself, not the unit agent', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', unstartableCharm(t), 'u');
  await sim.ok('settle');
  const charmDir = sim.unitCharmDir('u/0');

  const action = await sim.run('run', 'u/0', 'broken', '--format', 'json');
  // Juju's CLI counts a task as failed for its exit status by a return code of 1 or more only.
  t.equal(action.code, 0, action.stderr);
  t.match(JSON.parse(action.stdout)['u/0'], {
    status: 'failed',
    message: `fork/exec ${charmDir}/actions/broken: no such file or directory`,
    results: { 'return-code': -1 },
  });
  const unit = async (): Promise<Record<string, { current: string; message?: string }>> => (await sim.json('status')).applications.u.units['u/0'];
  t.equal((await unit())['juju-status'].current, 'idle', 'the agent is idle, not failed');
  t.same(await sim.json('run', 'u/0', 'working', '--format', 'json').then((r) => r['u/0'].results), { ran: 'yes', 'return-code': 0 }, 'and runs the next action');

  const hook = await sim.run('fire', 'update-status', '--unit', 'u/0');
  t.not(hook.code, 0, 'the hook fails');
  t.match((await unit())['workload-status'], { current: 'error', message: 'hook failed: "update-status"' });
  const log = await sim.ok('debug-log', '--include', 'u/0', '--level', 'ERROR');
  t.match(log, `hook "update-status" (via explicit, bespoke hook script) failed: fork/exec ${charmDir}/hooks/update-status: no such file or directory`);
  await sim.ok('resolve', 'u/0', '--no-retry');
  t.equal((await sim.run('settle')).code, 0, 'resolved, the unit settles');
  t.equal((await unit())['workload-status'].current, 'unknown');
});
