// Juju's secrets with the ops example pair: the provider (charms/ops-redis) shares a rotating
// password as an application secret granted to the relation; the client reads it with ops and
// follows each new revision on secret-changed. The tools and the user's commands have their own
// files (secrets-tools, secrets-cli).
import t from 'tap';
import { Sim, charm, unitData } from '../helpers/sim.js';

t.test('the ops pair: the provider shares a rotating password, the client follows it', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('ops-redis'), 'redis');
  await sim.ok('deploy', charm('ops-redis-client'), 'client');
  await sim.ok('integrate', 'redis', 'client');
  await sim.ok('settle');
  const password = async (): Promise<string> => JSON.parse(await sim.ok('run', 'client/0', 'get-redis', '--format', 'json'))['client/0'].results.password;
  const first = await password();
  t.match(first, /^[0-9a-f]{16}$/, 'the client reads the password the provider granted it');

  const show = await sim.json('show');
  const appData = show.relations[0].endpoints.find((e: { application: string }) => e.application === 'redis')['application-data'];
  const uri = appData['password-secret'] as string;
  t.match(uri, /^secret:\/\/[0-9a-f-]{36}\/[0-9a-v]{20}$/, 'the URI in the application databag, as ops writes it');
  t.ok(unitData(show, 'redis/0'), 'the provider still publishes its address');
  const id = uri.slice(-20);
  t.match((await sim.json('show-secret', id))[id], { rotation: 'daily', owner: 'redis', label: 'redis-password', access: [{ target: 'application-client' }] });

  await sim.ok('fire', 'secret-rotate', '--secret', id);
  await sim.ok('settle');
  const hooks = ((await sim.json('history', '--unit', 'client/0')) as Array<{ hook: string }>).map((r) => r.hook);
  t.ok(hooks.includes('secret-changed'), 'the client ran secret-changed');
  const second = await password();
  t.not(second, first, 'and reads the new password');
  t.match(second, /^[0-9a-f]{16}$/);
  const revisions = (await sim.json('show-secret', id, '--revisions'))[id].revisions.map((r: { revision: number }) => r.revision);
  t.same(revisions, [2], 'the provider removed the revision no one reads any more (secret-remove)');
});
