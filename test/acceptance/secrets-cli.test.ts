// The user's secrets, as Juju 3.6's commands keep them: owned by the model, named by their
// label, granted to applications, whose units read them and follow their revisions.
import t from 'tap';
import { exec, secretHooks } from '../helpers/secrets.js';
import { Sim, fixture } from '../helpers/sim.js';

t.test("the user's secrets: add-secret, grant-secret, update-secret, secrets, show-secret, remove-secret", async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('secret-keeper'), 'app');
  await sim.ok('settle');
  t.same(await sim.run('add-secret'), { code: 2, stdout: '', stderr: 'ERROR secret name needs to be supplied as the first argument\n' });
  t.same(await sim.run('add-secret', 'api'), { code: 2, stdout: '', stderr: 'ERROR missing secret value or filename\n' });
  const uri = (await sim.ok('add-secret', 'api', 'token=s3cret', '--info', 'the api token')).trim();
  t.match(uri, /^secret:[0-9a-v]{20}$/);
  const id = uri.slice('secret:'.length);
  t.same(await sim.run('add-secret', 'api', 'token=x'), { code: 1, stdout: '', stderr: 'ERROR user secret label "api" already exists\n' });

  t.same(await exec(sim, 'app/0', `secret-get ${uri}`), { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
  t.equal(await sim.ok('grant-secret', 'api', 'app'), '');
  t.same(await exec(sim, 'app/0', `secret-get ${uri} token`), { code: 0, stdout: 's3cret\n', stderr: '' });
  t.same(await sim.run('grant-secret', 'api', 'nope'), { code: 1, stdout: '', stderr: 'ERROR failed to grant/revoke secret: application "nope" not found\n' });

  await sim.ok('update-secret', 'api', 'token=n3w');
  await sim.ok('settle');
  // secret-changed has no JUJU_SECRET_REVISION (Juju's hook.go SecretHookRequiresRevision).
  t.same(await secretHooks(sim, 'app/0'), [`secret-changed id=${uri} label= revision=`]);

  const listed = await sim.json('secrets');
  t.same(Object.keys(listed), [id]);
  t.match(listed[id], { revision: 2, owner: '<model>', name: 'api', description: 'the api token', created: /Z$/, updated: /Z$/ });
  t.notOk('access' in listed[id], 'secrets shows no grants');
  const table = await sim.ok('secrets');
  t.match(table, new RegExp(`^ID +Name +Owner +Rotation +Revision +Last updated\n${id} +api +<model> +2 +(just now|\\d+ seconds ago)\n$`));

  const shown = await sim.json('show-secret', 'api', '--reveal');
  t.same(shown[id].content, { Data: { token: 'n3w' } }, "the content under Go's field name in JSON");
  t.same(shown[id].access, [{ target: 'application-app', scope: shown[id].access[0].scope, role: 'view' }]);
  t.match(await sim.ok('show-secret', uri, '--reveal', '--revision', '1'), /\n  content:\n    token: s3cret\n/);
  t.same(await sim.run('show-secret', 'api', '--reveal', '--revisions'), {
    code: 2,
    stdout: '',
    stderr: 'ERROR specify either --revisions or --reveal but not both\n',
  });

  await sim.ok('revoke-secret', 'api', 'app');
  t.same(await exec(sim, 'app/0', `secret-get ${uri}`), { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
  await sim.ok('remove-secret', 'api');
  t.same(await sim.json('secrets'), {});
});

