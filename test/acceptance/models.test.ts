// One daemon, many models: each model its own applications, databags, hooks and hook
// environment; models that survive a daemon restart and go with destroy-model.
import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, unitData } from '../helpers/sim.js';
import { journaled, journaledUuids, populate, statusModel } from '../helpers/models.js';

t.test('two models side by side: same application names, their own databags, hooks and model name and UUID', async (t) => {
  const sim = new Sim(t);
  t.same(await sim.run('add-model', '--no-switch', 'one'), { code: 0, stdout: '', stderr: "Added 'one' model on localhost/localhost for user 'admin'\n" });
  await sim.ok('add-model', 'two', '--no-switch', 'localhost', '--controller', 'juju-sim', '--credential', 'x');
  await populate(sim, 'one');
  await populate(sim, 'two');

  const uuids: Record<string, string> = {};
  for (const model of ['one', 'two']) {
    const shown = JSON.parse(await sim.ok('show-model', model, '--format', 'json'));
    t.same(Object.keys(shown), [model]);
    t.match(shown[model], { name: `admin/${model}`, 'short-name': model, 'model-type': 'iaas', 'controller-name': 'juju-sim', 'is-controller': false, cloud: 'localhost', life: 'alive', owner: 'admin' });
    uuids[model] = shown[model]['model-uuid'];
    t.same(journaledUuids(sim, model), [uuids[model]], `every hook of ${model} has its model's JUJU_MODEL_UUID`);
    t.same(journaled(sim, model).slice(0, 1), ['a/0 install'], `${model}'s hooks have JUJU_MODEL_NAME=${model}`);
    t.equal(await statusModel(sim, '-m', model), model, 'status names the model');
    const show = await sim.json('show', '-m', model);
    t.equal(unitData(show, 'a/0')?.model, model, `a/0's databag in ${model}`);
    t.equal(unitData(show, 'b/0')?.model, model, `b/0's databag in ${model}`);
  }
  t.not(uuids.one, uuids.two);
  t.equal(await statusModel(sim), 'default', 'add-model --no-switch leaves the current model');
  t.same(Object.keys((await sim.json('status')).applications), [], 'the default model has none of it');

  // One model's change reaches only its own units.
  const before = journaled(sim, 'two').length;
  await sim.ok('exec', 'a/0', '-m', 'one', '-r', '0', '--', 'relation-set', 'extra=1');
  await sim.ok('settle', '-m', 'one');
  t.equal(unitData(await sim.json('show', '-m', 'one'), 'a/0')?.extra, '1');
  t.equal(unitData(await sim.json('show', '-m', 'two'), 'a/0')?.extra, undefined);
  t.same(journaled(sim, 'one').at(-1), 'b/0 in-relation-changed');
  t.equal(journaled(sim, 'two').length, before, "model two's units ran nothing");

  const listed = JSON.parse(await sim.ok('models', '--format', 'json'));
  t.same(listed.models.map((m: { 'short-name': string }) => m['short-name']), ['default', 'one', 'two']);
  t.equal(listed['current-model'], 'default');
  t.same(listed.models.slice(1).map((m: { 'model-uuid': string }) => m['model-uuid']), [uuids.one, uuids.two]);

  // Both models, their UUIDs and the current model survive a restart of the daemon.
  await sim.ok('switch', 'one');
  await sim.ok('daemon', 'stop');
  const again = JSON.parse(await sim.ok('models', '--format', 'json'));
  t.same(again.models.map((m: { 'model-uuid': string }) => m['model-uuid']), listed.models.map((m: { 'model-uuid': string }) => m['model-uuid']));
  t.equal(again['current-model'], 'one');
  t.same(Object.keys((await sim.json('status')).applications), ['a', 'b'], 'the current model, one, after the restart');
  await sim.ok('config', 'b', 'fail-on=nothing', '-m', 'two');
  await sim.ok('settle', '-m', 'two');
  t.same(journaled(sim, 'two').at(-1), 'b/0 config-changed', 'model two runs hooks after the restart');

  // destroy-model: its units leave as Juju's do, its state goes, the other model stays.
  const kept = journaled(sim, 'two').length;
  const destroyed = await sim.run('destroy-model', 'one', '--no-prompt', '--destroy-storage');
  t.same(destroyed, { code: 0, stdout: '', stderr: 'Destroying model\nModel destroyed.\n' });
  const teardown = journaled(sim, 'one').slice(-8);
  t.same(
    teardown.filter((line) => line.startsWith('a/0')),
    ['a/0 out-relation-departed', 'a/0 out-relation-broken', 'a/0 stop', 'a/0 remove'],
  );
  t.same(
    teardown.filter((line) => line.startsWith('b/0')),
    ['b/0 in-relation-departed', 'b/0 in-relation-broken', 'b/0 stop', 'b/0 remove'],
  );
  t.notOk(existsSync(join(sim.home, 'models', 'one')), "the model's state is gone");
  t.equal(journaled(sim, 'two').length, kept, "model two's units ran nothing");
  t.same(Object.keys((await sim.json('status', '-m', 'two')).applications), ['a', 'b']);
  t.equal(await statusModel(sim), 'default', 'destroying the current model makes default current');
  const after = JSON.parse(await sim.ok('models', '--format', 'json'));
  t.same(after.models.map((m: { 'short-name': string }) => m['short-name']), ['default', 'two']);

  const notFound = { code: 1, stdout: '', stderr: 'ERROR model juju-sim:admin/one not found\n' };
  t.same(await sim.run('destroy-model', 'one', '--no-prompt'), notFound, 'a second destroy finds no model');
  t.same(await sim.run('status', '-m', 'one'), notFound);
  t.same(await sim.run('show-model', 'one'), notFound);
  t.same(await sim.run('switch', 'one'), { code: 1, stdout: '', stderr: 'ERROR "one" is not the name of a model or controller\n' });
});
