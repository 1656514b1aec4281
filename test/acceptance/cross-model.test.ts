// Cross-model relations between two models of one daemon: an offer in one, consumed and related
// in the other; both sides' units, databags and hooks, each model with its own relation ids;
// removal from either side; errors in Juju's words.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sim, charm, fixture } from '../helpers/sim.js';

const journalCharm = fixture('relation-journal');

/** The relation-journal lines of one model, `<unit> <hook> <remote unit> <remote app>`, in order. */
function journaled(sim: Sim, model: string): string[] {
  const path = join(sim.home, 'journal');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${model} `))
    .map((line) => line.slice(model.length + 1).trimEnd());
}

/** One unit's journal lines about relations, without the model's other hooks. */
const relationHooks = (sim: Sim, model: string, unit: string): string[] =>
  journaled(sim, model).filter((l) => l.startsWith(`${unit} `) && l.includes('-relation-')).map((l) => l.slice(unit.length + 1));

/**
 * Settles both models until neither has anything left: a change in one wakes the other, so
 * each settles again until a round of both changes no journal and no databag.
 */
async function settleBoth(sim: Sim, ...models: string[]): Promise<void> {
  let before = '';
  for (let round = 0; round < 20; round++) {
    for (const m of models) await sim.ok('settle', '-m', m);
    const now = JSON.stringify(await Promise.all(models.map((m) => sim.json('show', '-m', m)))) + journaled(sim, models[0]).length + journaled(sim, models[1]).length;
    if (now === before) return;
    before = now;
  }
  throw new Error('the models did not settle together');
}

async function twoModels(sim: Sim): Promise<void> {
  await sim.ok('add-model', 'offering', '--no-switch');
  await sim.ok('add-model', 'consuming', '--no-switch');
}

t.test('a bash provider offered in one model, consumed and related in another, through Juju\'s command line', async (t) => {
  const sim = new Sim(t);
  await twoModels(sim);
  await sim.ok('deploy', charm('bash-redis'), '-m', 'offering');
  t.same(await sim.juju('offer', 'offering.bash-redis:redis', 'redisx'), {
    code: 0,
    stdout: '',
    stderr: 'Application "bash-redis" endpoints [redis] available at "admin/offering.redisx"\n',
  });
  t.same(await sim.juju('consume', '--model', 'consuming', 'admin/offering.redisx', 'cache'), {
    code: 0,
    stdout: '',
    stderr: 'Added admin/offering.redisx as cache\n',
  });
  await sim.ok('deploy', charm('bash-client'), '-m', 'consuming');
  t.equal((await sim.juju('integrate', '--model', 'consuming', 'cache', 'bash-client')).code, 0);
  await settleBoth(sim, 'offering', 'consuming');

  // The consuming model: the offer's units as the alias's, with what the provider wrote.
  const client = (await sim.json('show-unit', '-m', 'consuming', 'bash-client/0'))['bash-client/0'];
  t.equal(client['relation-info'].length, 1);
  const seen = client['relation-info'][0];
  t.match(seen, { endpoint: 'redis', 'related-endpoint': 'redis' });
  t.same(Object.keys(seen['related-units']), ['cache/0']);
  t.match(seen['related-units']['cache/0'].data, { host: /^127\.1\./, port: '6379' });

  // The offering model: the consumer's units as its proxy's, with what the client copied back.
  const provider = (await sim.json('show-unit', '-m', 'offering', 'bash-redis/0'))['bash-redis/0'];
  const offered = provider['relation-info'][0];
  const [proxyUnit] = Object.keys(offered['related-units']);
  t.match(proxyUnit, /^remote-[0-9a-f]{32}\/0$/, 'the consumer is a remote-<token> application in the offering model');
  t.match(offered['related-units'][proxyUnit].data, { 'redis-host': seen['related-units']['cache/0'].data.host, 'redis-port': '6379' });

  // Status as Juju 3.6 shows a SAAS and an offer.
  const consuming = await sim.json('status', '-m', 'consuming');
  t.same(Object.keys(consuming.applications), ['bash-client'], 'a SAAS is not one of the applications');
  t.same(consuming.applications['bash-client'].relations.redis, [{ 'related-application': 'cache', interface: 'redis', scope: 'global' }]);
  t.match(consuming['application-endpoints'], {
    cache: { url: 'admin/offering.redisx', endpoints: { redis: { interface: 'redis', role: 'provider' } }, relations: { redis: ['bash-client'] } },
  });
  const offering = await sim.json('status', '-m', 'offering');
  t.same(Object.keys(offering.applications), ['bash-redis'], "the consumer's proxy is not one of the applications");
  t.same(offering.offers, {
    redisx: {
      application: 'bash-redis',
      charm: 'local:bash-redis-0',
      'total-connected-count': 1,
      'active-connected-count': 1,
      endpoints: { redis: { interface: 'redis', role: 'provider' } },
    },
  });
  const listed = JSON.parse((await sim.juju('offers', '-m', 'offering', '--format', 'json')).stdout);
  const consumingUuid = (await sim.json('show-model', 'consuming')).consuming['model-uuid'];
  t.match(listed, {
    redisx: {
      application: 'bash-redis',
      store: 'juju-sim',
      charm: 'local:bash-redis-0',
      'offer-url': 'admin/offering.redisx',
      endpoints: { redis: { interface: 'redis', role: 'provider' } },
      connections: [{ 'source-model-uuid': consumingUuid, username: 'admin', 'relation-id': 0, endpoint: 'redis', status: { current: 'joined' } }],
    },
  });
  t.equal(listed.redisx.connections.length, 1);
  const shown = {
    'juju-sim:admin/offering.redisx': {
      access: 'admin',
      endpoints: { redis: { interface: 'redis', role: 'provider' } },
      users: { admin: { 'display-name': 'admin', access: 'admin' } },
    },
  };
  t.same(JSON.parse((await sim.juju('show-offer', 'offering.redisx', '--format', 'json')).stdout), shown);
  t.same(JSON.parse((await sim.juju('show-offer', '-m', 'offering', 'redisx', '--format', 'json')).stdout), shown, 'by name, in the model');
  t.same(await sim.juju('show-offer', 'offering.redisx'), {
    code: 0,
    stdout: [
      'Store     URL                    Access  Description  Endpoint  Interface  Role',
      'juju-sim  admin/offering.redisx  admin                redis     redis      provider',
      '',
    ].join('\n'),
    stderr: '',
  });
  t.same(await sim.juju('show-offer', 'offering.nope'), { code: 1, stdout: '', stderr: 'ERROR application offer "admin/offering.nope" not found\n' });
  t.same(await sim.juju('offers', '-m', 'offering'), {
    code: 0,
    stdout: [
      'Offer   Application  Charm               Connected  URL                    Endpoint  Interface  Role',
      'redisx  bash-redis   local:bash-redis-0  1          admin/offering.redisx  redis     redis      provider',
      '',
    ].join('\n'),
    stderr: '',
  });
});

t.test('hooks, databags and relation ids on both sides; removal from either side', async (t) => {
  const sim = new Sim(t);
  await twoModels(sim);
  await sim.ok('deploy', journalCharm, 'db', '-m', 'offering');
  await sim.ok('offer', 'offering.db:out', 'dbx');
  await sim.ok('deploy', journalCharm, 'app', '-n', '2', '-m', 'consuming');
  // A relation of the consuming model's own first: relation ids are each model's.
  await sim.ok('deploy', journalCharm, 'local', '-m', 'consuming');
  await sim.ok('integrate', 'local:out', 'app:in', '-m', 'consuming');
  await sim.ok('consume', 'offering.dbx', 'dbalias', '-m', 'consuming');
  await sim.ok('integrate', 'dbalias', 'app', '-m', 'consuming');
  await settleBoth(sim, 'offering', 'consuming');

  const appView = (await sim.json('show-unit', '-m', 'consuming', 'app/0', '--endpoint', 'in'))['app/0']['relation-info'];
  const cross = appView.find((r: { 'related-units': object }) => 'dbalias/0' in r['related-units']);
  t.equal(cross['relation-id'], 1, "the consuming model's relation id");
  t.same(cross['application-data'], { leader: 'db/0' }, "the offering leader's application databag");
  t.match(cross['related-units']['dbalias/0'].data, { model: 'offering' });
  const dbView = (await sim.json('show-unit', '-m', 'offering', 'db/0'))['db/0']['relation-info'];
  t.equal(dbView.length, 1);
  t.equal(dbView[0]['relation-id'], 0, "the offering model's relation id");
  t.same(dbView[0]['application-data'], { leader: 'app/0' }, "the consuming leader's application databag");
  const proxy = Object.keys(dbView[0]['related-units'])[0].split('/')[0];
  t.same(Object.keys(dbView[0]['related-units']), [`${proxy}/0`, `${proxy}/1`], 'both consuming units, by their numbers');
  for (const unit of Object.values(dbView[0]['related-units']) as Array<{ data: Record<string, string> }>) t.equal(unit.data.model, 'consuming');

  // relation-model-get names the model across the relation, on each side; a local relation's is its own.
  const uuid = async (model: string): Promise<string> => (await sim.json('show-model', model))[model]['model-uuid'];
  const modelGet = async (model: string, unit: string, relation: string, ...remote: string[]): Promise<string> =>
    (await sim.ok('exec', '-m', model, unit, '-r', relation, ...remote, '--', 'relation-model-get', '--format', 'json')).trim();
  t.equal(await modelGet('consuming', 'app/1', '1'), JSON.stringify({ uuid: await uuid('offering') }));
  t.equal(await modelGet('offering', 'db/0', '0', '--remote-unit', `${proxy}/1`), JSON.stringify({ uuid: await uuid('consuming') }));
  t.equal(await modelGet('consuming', 'app/1', '0'), JSON.stringify({ uuid: await uuid('consuming') }));

  // Each side's hooks: created first; joined before changed for each remote unit, named as that
  // model names it (JUJU_REMOTE_APP the alias, or the proxy); an application-level changed for
  // the other leader's application databag.
  const checkHooks = (hooks: string[], endpoint: string, remoteApp: string, remoteUnits: string[], who: string): void => {
    t.equal(hooks[0], `${endpoint}-relation-created  ${remoteApp}`, `${who}: relation-created first`);
    t.ok(hooks.includes(`${endpoint}-relation-changed  ${remoteApp}`), `${who}: the remote application's databag changed`);
    for (const unit of remoteUnits) {
      const joined = hooks.indexOf(`${endpoint}-relation-joined ${unit} ${remoteApp}`);
      t.ok(joined > 0, `${who} joined ${unit}`);
      t.ok(hooks.indexOf(`${endpoint}-relation-changed ${unit} ${remoteApp}`) > joined, `${who}: then changed ${unit}`);
    }
    t.same(hooks.filter((h) => !h.endsWith(` ${remoteApp}`)), [], `${who}: every hook has JUJU_REMOTE_APP=${remoteApp}`);
  };
  checkHooks(relationHooks(sim, 'offering', 'db/0'), 'out', proxy, [`${proxy}/0`, `${proxy}/1`], 'db/0');
  for (const unit of ['app/0', 'app/1']) {
    checkHooks(relationHooks(sim, 'consuming', unit).filter((l) => !l.endsWith(' local')), 'in', 'dbalias', ['dbalias/0'], unit);
  }

  // Removal from the consuming side: both sides depart and break, and the relation goes from both.
  const marks = { offering: journaled(sim, 'offering').length, consuming: journaled(sim, 'consuming').length };
  await sim.ok('remove-relation', 'app', 'dbalias', '-m', 'consuming');
  await settleBoth(sim, 'offering', 'consuming');
  const dbAfter = journaled(sim, 'offering').slice(marks.offering).filter((l) => l.startsWith('db/0 '));
  t.same(dbAfter.slice(-1), [`db/0 out-relation-broken  ${proxy}`], 'db/0 breaks last');
  t.same(dbAfter.filter((l) => l.includes('departed')).sort(), [0, 1].map((n) => `db/0 out-relation-departed ${proxy}/${n} ${proxy}`));
  for (const unit of ['app/0', 'app/1']) {
    t.same(journaled(sim, 'consuming').slice(marks.consuming).filter((l) => l.startsWith(`${unit} `)), [
      `${unit} in-relation-departed dbalias/0 dbalias`,
      `${unit} in-relation-broken  dbalias`,
    ]);
  }
  t.equal((await sim.json('show-unit', '-m', 'offering', 'db/0'))['db/0']['relation-info'], undefined);
  t.equal((await sim.json('status', '-m', 'offering')).offers.dbx['total-connected-count'], undefined, 'no connection left');
  t.same((await sim.json('status', '-m', 'consuming'))['application-endpoints'].dbalias.relations, undefined);

  // Related again, then remove-saas: the same teardown, and the SAAS goes; then the offer can go.
  await sim.ok('integrate', 'dbalias', 'app', '-m', 'consuming');
  await settleBoth(sim, 'offering', 'consuming');
  t.equal((await sim.json('status', '-m', 'offering')).offers.dbx['total-connected-count'], 1);
  t.same(await sim.juju('remove-application', '-m', 'offering', 'db', '--no-prompt'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR cannot destroy application "db": application is used by 1 offer\n',
  });
  t.same(await sim.juju('remove-offer', '-m', 'offering', 'dbx'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR cannot delete application offer "dbx": offer has 1 relation\n',
  });
  const again = journaled(sim, 'consuming').length;
  t.same(await sim.juju('remove-saas', '-m', 'consuming', 'dbalias'), { code: 0, stdout: '', stderr: '' });
  await settleBoth(sim, 'offering', 'consuming');
  t.same(journaled(sim, 'consuming').slice(again).filter((l) => l.startsWith('app/0 ')), ['app/0 in-relation-departed dbalias/0 dbalias', 'app/0 in-relation-broken  dbalias']);
  t.notOk('application-endpoints' in (await sim.json('status', '-m', 'consuming')));
  t.equal((await sim.json('show-unit', '-m', 'offering', 'db/0'))['db/0']['relation-info'], undefined);
  t.same(await sim.juju('remove-offer', '-m', 'offering', 'admin/offering.dbx'), { code: 0, stdout: '', stderr: '' });
  t.same(await sim.juju('offers', '-m', 'offering', '--format', 'json'), { code: 0, stdout: '{}\n', stderr: '' });
  t.notOk('offers' in (await sim.json('status', '-m', 'offering')));

  // An application whose offers no relation uses takes them with it.
  await sim.ok('offer', 'offering.db:out', 'again');
  await sim.ok('remove-application', '-m', 'offering', 'db');
  await settleBoth(sim, 'offering', 'consuming');
  t.same(await sim.juju('offers', '-m', 'offering', '--format', 'json'), { code: 0, stdout: '{}\n', stderr: '' });
});

t.test("errors in Juju's words: an unknown endpoint, an unknown offer, an alias taken", async (t) => {
  const sim = new Sim(t);
  await twoModels(sim);
  await sim.ok('add-model', 'third', '--no-switch');
  await sim.ok('deploy', journalCharm, 'db', '-m', 'offering');
  await sim.ok('deploy', journalCharm, 'other', '-m', 'third');
  await sim.ok('deploy', journalCharm, 'app', '-m', 'consuming');
  const error = (stderr: string) => ({ code: 1, stdout: '', stderr: `ERROR ${stderr}\n` });

  t.same(await sim.juju('offer', 'offering.db:nope'), error('cannot add application offer "db": application "db" has no "nope" relation'));
  t.same(await sim.juju('offer', 'offering.missing:out'), error('application "missing" not found'));
  await sim.ok('offer', 'offering.db:out,in');
  t.same(await sim.juju('offer', 'offering.db:out'), error('cannot add application offer "db": application offer already exists'));
  await sim.ok('offer', 'third.other:out');

  t.same(await sim.juju('consume', '-m', 'consuming', 'admin/offering.nope'), error('application offer "admin/offering.nope" not found'));
  t.same(await sim.juju('consume', '-m', 'consuming', 'nowhere.db'), error('application offer "admin/nowhere.db" not found'));
  t.same(await sim.juju('consume', '-m', 'consuming', 'offering.db', 'app'), error('cannot add saas application "app": application already exists'));
  t.equal((await sim.juju('consume', '-m', 'consuming', 'offering.db', 'dbalias')).code, 0);
  t.equal((await sim.juju('consume', '-m', 'consuming', 'offering.db', 'dbalias')).code, 0, 'the same offer under the same alias again changes nothing');
  t.same(await sim.juju('consume', '-m', 'consuming', 'third.other', 'dbalias'), error('saas application called "dbalias" from a different model already exists'));
  t.same(
    await sim.juju('consume', '-m', 'consuming', 'elsewhere:admin/offering.db'),
    error('offers of another controller ("elsewhere:admin/offering.db") are not implemented in juju-sim'),
  );
  t.same(await sim.juju('remove-saas', '-m', 'consuming', 'nope'), error('saas application "nope" not found'));
  t.same(await sim.juju('remove-offer', '-m', 'offering', 'nope'), error('offer "nope" not found'));
  t.same(await sim.juju('offer', 'db'), { code: 2, stdout: '', stderr: 'ERROR endpoints must conform to format "<application-name>:<endpoint-name>[,...]" \n' });
  t.same(Object.keys((await sim.json('status', '-m', 'consuming'))['application-endpoints']), ['dbalias']);
});
