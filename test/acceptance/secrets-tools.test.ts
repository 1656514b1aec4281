// The secret tools against the daemon (test/charms/secret-keeper as owner and consumer) and the
// secret hooks the uniter runs for them: secret-changed, secret-remove, secret-rotate (fired) and
// secret-expired (on the model's timer).
import t from 'tap';
import { exec, secretHooks } from '../helpers/secrets.js';
import { Sim, fixture } from '../helpers/sim.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

t.test('the secret tools against the daemon, and the hooks they cause', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('secret-keeper'), 'owner', '-n', '2');
  await sim.ok('deploy', fixture('secret-keeper'), 'consumer', '-n', '2');
  await sim.ok('integrate', 'owner:keep', 'consumer:use');
  await sim.ok('settle');
  const rel = (await sim.json('show')).relations[0].id as number;

  t.same(await exec(sim, 'owner/1', 'secret-add token=x'), { code: 1, stdout: '', stderr: 'ERROR this unit is not the leader\n' }, 'only the leader adds an application secret');
  const add = await exec(sim, 'owner/0', 'secret-add --label db --description "the db" --rotate hourly token=one');
  t.equal(add.code, 0, add.stderr);
  t.match(add.stdout, /^secret:[0-9a-v]{19}[0g]\n$/, 'the URI, at once');
  const uri = add.stdout.trim();
  const id = uri.slice('secret:'.length);

  await t.test('a failing handler discards its secrets, exec commits them whatever its exit code; a unit may own its own', async (t) => {
    const failed = await sim.run('run', 'owner/0', 'run', '--string-args', 'command=secret-add token=gone && exit 3');
    t.equal(failed.code, 1, failed.stderr);
    t.equal((await exec(sim, 'owner/0', 'secret-ids')).stdout, `${id}\n`, 'the failed one was never saved');
    // As Juju's juju-exec: the commands' writes commit whatever their exit code.
    const kept = await exec(sim, 'owner/0', 'secret-add token=kept && exit 3');
    t.equal(kept.code, 3);
    const keptId = kept.stdout.trim().slice('secret:'.length);
    t.equal((await exec(sim, 'owner/0', 'secret-ids')).stdout, [id, keptId].sort().join('\n') + '\n', 'the exec one was saved');
    t.equal((await exec(sim, 'owner/0', `secret-remove secret:${keptId}`)).code, 0);
    const own = await exec(sim, 'owner/1', 'secret-add --owner unit --label mine token=unit-owned');
    t.equal(own.code, 0, own.stderr);
    t.equal((await exec(sim, 'owner/1', 'secret-ids')).stdout, `${own.stdout.trim().slice('secret:'.length)}\n`, "a non-leader lists its own, not its application's");
    t.equal((await exec(sim, 'owner/1', 'secret-get --label mine')).stdout, 'token: unit-owned\n');
  });

  await t.test('secret-info-get and secret-get for the owner; a hook sees its pending secret', async (t) => {
    const info = await exec(sim, 'owner/0', `secret-info-get ${uri}`);
    t.match(info.stdout, new RegExp(`^${id}:\n  revision: 1\n  label: db\n  owner: application\n  description: the db\n  rotation: hourly\n  rotates: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\n$`));
    t.same(await exec(sim, 'owner/1', 'secret-get --label db'), { code: 0, stdout: 'token: one\n', stderr: '' }, 'any unit of the owner, by the owner label');
    // In a handler that then fails, so that the secret is never saved.
    const command = 'command=u=$(secret-add --label tmp a-key=pending) && secret-get $u a-key && secret-info-get --label tmp --format json && exit 1';
    const pending = JSON.parse((await sim.run('run', 'owner/0', 'run', '--string-args', command, '--format', 'json')).stdout)['owner/0'].results;
    t.match(pending.stdout, /^pending\n\{"[0-9a-v]{20}":\{"revision":1,"label":"tmp","owner":"application"\}\}\n$/);
  });

  await t.test('grants: a relation reaches every unit of the other application; revoke takes it back', async (t) => {
    t.same(await exec(sim, 'consumer/0', `secret-get ${uri}`), { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
    t.equal((await exec(sim, 'owner/0', `secret-grant ${uri} -r ${rel}`)).code, 0);
    const info = await exec(sim, 'owner/0', `secret-info-get --label db --format json`);
    t.same(JSON.parse(info.stdout)[id].access, [{ target: 'application-consumer', scope: `relation-consumer.use#owner.keep`, role: 'view' }]);
    t.same(await exec(sim, 'consumer/0', `secret-get ${uri}`), { code: 0, stdout: 'token: one\n', stderr: '' });
    t.same(await exec(sim, 'consumer/1', `secret-get ${uri} token --label theirs`), { code: 0, stdout: 'one\n', stderr: '' });
    t.same(await exec(sim, 'consumer/1', 'secret-get --label db'), { code: 1, stdout: '', stderr: 'ERROR consumer label "db" not found\n' }, "the owner's label is the owner's");
    t.equal((await exec(sim, 'consumer/1', 'secret-get --label theirs')).stdout, 'token: one\n', 'the consumer label');
  });

  await t.test('a new revision: each consumer runs secret-changed, then the owner removes the revision no one reads', async (t) => {
    t.equal((await exec(sim, 'owner/0', `secret-set ${uri} token=two`)).code, 0);
    await sim.ok('settle');
    // secret-changed has no JUJU_SECRET_REVISION (Juju's hook.go SecretHookRequiresRevision).
    t.same(await secretHooks(sim, 'consumer/0'), [`secret-changed id=${uri} label= revision=`]);
    t.same(await secretHooks(sim, 'consumer/1'), [`secret-changed id=${uri} label=theirs revision=`]);
    t.same(await exec(sim, 'consumer/0', `secret-get ${uri}`), { code: 0, stdout: 'token: two\n', stderr: '' }, 'their handler refreshed');
    // owner/1 read its application's secret by its label, so it consumes it too (as in Juju).
    t.same(await secretHooks(sim, 'owner/1'), [`secret-changed id=${uri} label=db revision=`]);
    // The owner's hooks bring no label: Juju's context factory takes the one the owner gave it.
    t.same(await secretHooks(sim, 'owner/0'), [`secret-remove id=${uri} label=db revision=1`], 'the leader, for the application');
    const shown = (await sim.json('show-secret', uri, '--revisions'))[id];
    t.same(shown.revisions.map((r: { revision: number }) => r.revision), [2], 'its handler removed revision 1');
    await sim.ok('settle');
    t.same(await secretHooks(sim, 'owner/0'), [`secret-remove id=${uri} label=db revision=1`], 'once');
  });

  await t.test('fire secret-rotate: the owner sets new content, the consumers follow', async (t) => {
    const fired = await sim.run('fire', 'secret-rotate', '--secret', uri);
    t.equal(fired.code, 0, fired.stderr);
    await sim.ok('settle');
    t.same((await secretHooks(sim, 'owner/0')).at(-2), `secret-rotate id=${uri} label=db revision=`);
    t.match((await exec(sim, 'consumer/0', `secret-get ${uri} token`)).stdout, /^rotated-\d+\n$/);
    t.same((await secretHooks(sim, 'consumer/0')).at(-1), `secret-changed id=${uri} label= revision=`);
  });

  await t.test('secret-revoke, then secret-remove: the secret is gone', async (t) => {
    t.equal((await exec(sim, 'owner/0', `secret-revoke ${uri} -r ${rel}`)).code, 0);
    t.same(await exec(sim, 'consumer/0', `secret-get ${uri}`), { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
    // A non-leader does not know its application's secrets (Juju's GetSecretMetadata): the commit refuses.
    t.same(await exec(sim, 'owner/1', `secret-set ${uri} token=x`), {
      code: 1,
      stdout: '',
      stderr: 'this unit is not the leader\nERROR committing requested changes failed\n',
    });
    t.equal((await exec(sim, 'owner/0', `secret-remove ${uri}`)).code, 0);
    t.equal((await exec(sim, 'owner/0', 'secret-ids')).stdout, '');
    t.same(await sim.run('show-secret', uri), { code: 1, stdout: '', stderr: `ERROR secret "${id}" not found\n` });
  });

  await t.test("an expiry comes on the model's timer: secret-expired on the owner", async (t) => {
    const added = await exec(sim, 'owner/0', 'secret-add --owner unit --expire 2s token=brief');
    const brief = added.stdout.trim();
    await sleep(3000);
    await sim.ok('settle');
    t.same((await secretHooks(sim, 'owner/0')).at(-1), `secret-expired id=${brief} label= revision=1`);
  });

  await t.test('a second secret-set of a secret in one hook replaces the first one (Juju keeps one pending update per secret)', async (t) => {
    const added = await exec(sim, 'owner/0', 'secret-add --owner unit token=first');
    const twice = added.stdout.trim();
    t.equal((await exec(sim, 'owner/0', `secret-set ${twice} --label kept && secret-set ${twice} --description later`)).code, 0);
    const info = JSON.parse((await exec(sim, 'owner/0', `secret-info-get ${twice} --format json`)).stdout);
    t.same(info[twice.slice('secret:'.length)], { revision: 1, label: '', owner: 'unit', description: 'later' }, 'the label went with the first update');
  });

  await t.test('a pending secret-remove hides the secret from the hook; a later secret-set takes it back, a later remove replaces it', async (t) => {
    const uri = (await exec(sim, 'owner/0', 'secret-add --owner unit token=one')).stdout.trim();
    const id = uri.slice('secret:'.length);
    const seen = await exec(sim, 'owner/0', `secret-remove ${uri} --revision 1; echo removed:; secret-ids; secret-set ${uri} --description kept; echo set:; secret-ids`);
    const [afterRemove, afterSet] = seen.stdout.split('set:\n');
    t.notOk(afterRemove.includes(id), 'removed, whichever revision: not among secret-ids');
    t.ok(afterSet.includes(id), 'a later secret-set took the removal back');
    t.equal(JSON.parse((await exec(sim, 'owner/0', `secret-info-get ${uri} --format json`)).stdout)[id].description, 'kept', 'and only the update committed');
    // Both removals applied, the first (a revision that never was) would fail the commit.
    t.same(await exec(sim, 'owner/0', `secret-remove ${uri} --revision 7 && secret-remove ${uri}`), { code: 0, stdout: '', stderr: '' });
    t.notOk((await exec(sim, 'owner/0', 'secret-ids')).stdout.includes(id), 'the last removal, of the whole secret, is what committed');
  });

  await t.test("a removed application's secrets go with it", async (t) => {
    await sim.ok('remove-application', 'owner');
    await sim.ok('settle');
    t.same(await sim.json('secrets'), {});
  });
});

