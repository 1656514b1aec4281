// The model a command acts on: -m/--model, else JUJU_MODEL, else the current model (add-model,
// switch), in every form Juju takes; Juju's errors for a model or controller it cannot find.
import t from 'tap';
import { Sim } from '../helpers/sim.js';
import { runWith, statusModel } from '../helpers/models.js';

t.test('the current model, JUJU_MODEL and -m, each overriding the one before', async (t) => {
  const sim = new Sim(t);
  await sim.ok('add-model', 'one');
  t.equal(await statusModel(sim), 'one', 'add-model switches to the new model');
  await sim.ok('add-model', 'two', '--no-switch');
  t.equal(await statusModel(sim), 'one');
  t.same(await sim.run('switch'), { code: 0, stdout: 'juju-sim:admin/one\n', stderr: '' });
  t.same(await sim.run('switch', 'two'), { code: 0, stdout: '', stderr: 'juju-sim:admin/one -> juju-sim:admin/two\n' });
  t.same(await sim.run('switch', 'juju-sim:admin/two'), { code: 0, stdout: '', stderr: 'juju-sim:admin/two (no change)\n' });
  t.equal(await statusModel(sim), 'two');

  const status = async (env: Record<string, string>, ...args: string[]): Promise<string> => {
    const r = await runWith(sim, env, 'status', '--format', 'json', ...args);
    t.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).model.name;
  };
  t.equal(await status({ JUJU_MODEL: 'one' }), 'one', 'JUJU_MODEL overrides the current model');
  t.equal(await status({ JUJU_MODEL: 'one' }, '-m', 'default'), 'default', '-m overrides JUJU_MODEL');
  for (const name of ['two', 'admin/two', 'juju-sim:two', 'juju-sim:admin/two']) {
    t.equal(await status({ JUJU_MODEL: 'one' }, '--model', name), 'two', `--model ${name}`);
  }
  t.equal(await status({ JUJU_MODEL: 'juju-sim:admin/one' }), 'one');
  t.same(await runWith(sim, { JUJU_MODEL: 'one' }, 'switch', 'default'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR cannot switch when JUJU_MODEL is overriding the model (set to "one")\n',
  });
  t.same(await runWith(sim, { JUJU_MODEL: 'nosuch' }, 'status'), { code: 1, stdout: '', stderr: 'ERROR model juju-sim:admin/nosuch not found\n' });
  for (const [name, error] of [
    ['bob/two', 'model juju-sim:bob/two not found'],
    ['other:two', 'controller other not found'],
    ['../one', 'model juju-sim:../one not found'],
  ]) {
    t.same(await sim.run('status', '-m', name), { code: 1, stdout: '', stderr: `ERROR ${error}\n` }, name);
  }

  const tabular = await sim.ok('models');
  t.match(tabular, /^Controller: juju-sim\n\nModel +Cloud\/Region +Type +Status/);
  t.match(tabular, /\ntwo\* +localhost\/localhost +lxd +available /);
});
