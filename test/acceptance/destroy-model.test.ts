// destroy-model and add-model: Juju's checks, texts and exit codes; a unit that cannot leave
// holds its model unless --force, which kills a hanging hook while the other models go on.
import t from 'tap';
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, cli, exited, type Result } from '../helpers/sim.js';
import { journal, journaled, populate } from '../helpers/models.js';

/** The pid of h/0's hanging hook once the journal names it (within 10 s), else undefined. */
async function hangingHook(sim: Sim): Promise<number | undefined> {
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = readFileSync(join(sim.home, 'journal'), 'utf8').match(/h\/0 hangs as pid (\d+)/);
    if (line) return Number(line[1]);
  }
  return undefined;
}

t.test("add-model and destroy-model: Juju's checks, texts and exit codes", async (t) => {
  const sim = new Sim(t);
  const usage = (stderr: string): Result => ({ code: 2, stdout: '', stderr: `ERROR ${stderr}\n` });
  t.same(
    await sim.run('add-model', 'Bad_Name'),
    usage('"Bad_Name" is not a valid name: model names may only contain lowercase letters, digits and hyphens'),
  );
  t.same(await sim.run('add-model'), usage("missing required argument 'model-name'"));
  t.same(await sim.run('destroy-model'), usage("missing required argument 'model'"));
  t.same(await sim.run('destroy-model', 'x', '--timeout', '1s'), usage('--timeout can only be used with --force (dangerous)'));
  t.same(
    await sim.run('destroy-model', 'x', '--destroy-storage', '--release-storage'),
    usage('--destroy-storage and --release-storage cannot both be specified'),
  );
  t.same(await sim.run('destroy-model', 'x', '--no-wait'), { code: 1, stdout: '', stderr: 'ERROR --no-wait without --force not valid\n' });
  t.same(await sim.run('destroy-model', 'x', '--no-prompt'), { code: 1, stdout: '', stderr: 'ERROR model juju-sim:admin/x not found\n' });

  t.same(await sim.run('add-model', 'x'.repeat(256)), {
    code: 1,
    stdout: '',
    stderr: `ERROR cannot create model "${'x'.repeat(256)}": juju-sim's model names have at most 255 characters\n`,
  });

  await sim.ok('add-model', 'm', '--config', 'update-status-hook-interval=1h');
  const duplicate = await sim.run('add-model', 'm');
  t.equal(duplicate.code, 1);
  t.equal(duplicate.stderr, 'ERROR failed to create new model: model "m" for admin already exists\n');
  t.match(duplicate.stderr, 'already exists', "what jubilant's pytest plugin looks for");
  t.same(JSON.parse(await sim.ok('model-config', 'update-status-hook-interval', '--format', 'json')), {
    'update-status-hook-interval': { Value: '1h', Source: 'model' },
  });
  const badConfig = await sim.run('add-model', 'n', '--config', 'no-such-key=1');
  t.equal(badConfig.code, 1);
  t.match(badConfig.stderr, /no-such-key/);
  t.notOk(existsSync(join(sim.home, 'models', 'n')), 'a model whose config is refused is not added');

  // Without --no-prompt the model's name must be typed.
  const refused = await execa(process.execPath, [cli, 'destroy-model', 'm'], { env: { JUJU_SIM_HOME: sim.home }, input: 'other\n', reject: false });
  t.equal(refused.exitCode, 1);
  t.match(refused.stderr, /To continue, enter the name of the model to be destroyed: ERROR model destruction: aborted$/);
  const confirmed = await execa(process.execPath, [cli, 'destroy-model', 'm'], { env: { JUJU_SIM_HOME: sim.home }, input: 'm\n', reject: false });
  t.equal(confirmed.exitCode, 0, confirmed.stderr);
  t.notOk(existsSync(join(sim.home, 'models', 'm')));
});

t.test('destroy-model: a unit that cannot leave holds the model unless --force, which kills a hanging hook', async (t) => {
  const sim = new Sim(t);
  await sim.ok('add-model', 'doomed', '--no-switch');
  await populate(sim, 'doomed');
  await sim.ok('config', 'b', 'fail-on=stop', '-m', 'doomed');
  await sim.ok('settle', '-m', 'doomed');

  const held = await sim.run('destroy-model', 'doomed', '--no-prompt');
  t.equal(held.code, 1);
  t.match(held.stderr, /ERROR cannot destroy model "doomed": units cannot leave it \(b\/0: hook failed: "stop"\); use --force\n$/);
  t.ok(existsSync(join(sim.home, 'models', 'doomed')), 'the model stays');

  // A hook that never ends: forcing kills it. Meanwhile the other model's units go on.
  await sim.ok('deploy', journal, 'c', '-m', 'default');
  await sim.ok('add-model', 'hung', '--no-switch');
  await sim.ok('deploy', journal, 'h', '-m', 'hung');
  await sim.ok('config', 'h', 'hang-on=config-changed', '-m', 'hung');
  const pid = await hangingHook(sim);
  t.ok(pid, 'the hook hangs');
  await sim.ok('settle', '-m', 'default');
  t.same(journaled(sim, 'default').slice(-1), ['c/0 start'], 'the default model settles while a hook of another hangs');

  const started = Date.now();
  t.same(await sim.run('destroy-model', 'hung', '--no-prompt', '--force', '--no-wait', '--timeout', '0s'), {
    code: 0,
    stdout: '',
    stderr: 'Destroying model\nModel destroyed.\n',
  });
  t.ok(Date.now() - started < 20_000, 'no waiting for the hanging hook');
  t.ok(exited(pid!), 'the hanging hook was killed');
  t.notOk(existsSync(join(sim.home, 'models', 'hung')));

  await sim.ok('destroy-model', 'doomed', '--no-prompt', '--force');
  t.notOk(existsSync(join(sim.home, 'models', 'doomed')));
  t.same(JSON.parse(await sim.ok('models', '--format', 'json')).models.map((m: { 'short-name': string }) => m['short-name']), ['default']);
});

t.test('daemon stop kills a running hook, which commits nothing, shows as failed and runs again when the daemon is back', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', journal, 'h');
  await sim.ok('settle');
  await sim.ok('config', 'h', 'hang-on=config-changed');
  const pid = await hangingHook(sim);
  t.ok(pid, 'the hook hangs');
  // Paused, so that the daemon started again runs the killed hook only once it is told it may not hang.
  await sim.ok('pause');
  await sim.ok('daemon', 'stop');
  t.ok(exited(pid!), 'no hook process outlives the daemon');

  await sim.ok('config', 'h', 'hang-on=');
  // Until it runs again, the interrupted hook shows as Juju's restarted agent reports it: failed.
  const interrupted = (await sim.json('status')).applications.h.units['h/0'];
  t.match(interrupted['workload-status'], { current: 'error', message: 'hook failed: "config-changed"' }, 'reported as a failed hook');
  t.match(interrupted['juju-status'], { current: 'idle' }, 'the agent is not executing');
  const log = await sim.ok('show-status-log', 'h/0', '--type', 'juju-unit');
  t.match(log, /error +hook failed: "config-changed"\n$/, "the agent's status history says so");
  await sim.ok('settle');
  const after = readFileSync(join(sim.home, 'journal'), 'utf8').split('h/0 hangs as pid')[1];
  t.match(after, /\n\S+ \S+ h\/0 config-changed\n/, 'config-changed ran again after the restart');
  const unit = (await sim.json('status')).applications.h.units['h/0'];
  t.equal(unit['juju-status'].current, 'idle', 'the unit agent did not fail');
  t.not(unit['workload-status'].current, 'error');
});
