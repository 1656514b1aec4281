// One side of a cross-model relation as its controller holds it: what it publishes of itself
// (relationChange) and how it takes the other side's (publishChange): the remote application's
// units enter and leave scope, their databags and the application databag follow, a dying side
// kills the relation, and only a real change bumps a version and wakes the unit agents.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller } from '../../../agent/controller/controller.js';
import type { RelationChange } from '../../../agent/controller/remote-applications.js';

const endpoint = { name: 'db', interface: 'pg', scope: 'global' as const };

/** A consuming model: app (one unit, in scope) related with the SAAS `pg`, under token `tok`. */
function consuming(t: Test): { c: Controller; relationId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-remote-'));
  const c = new Controller(join(dir, 'controller.db'), 'consuming');
  t.teardown(() => {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const meta = { name: 'app', subordinate: false, endpoints: [{ ...endpoint, role: 'requirer' as const }], extraBindings: [], options: {}, actions: {}, resources: {} };
  c.applications.add('app', { dir, meta });
  const unit = c.units.add('app');
  const remote = c.remoteApplications.addRemote({
    name: 'pg',
    url: 'admin/offering.pg',
    sourceModel: 'offering',
    sourceModelUuid: 'uuid-of-offering',
    endpoints: [{ ...endpoint, role: 'provider' }],
    consumerProxy: false,
  });
  const relation = c.relations.add(
    [
      { application: 'app', endpoint: 'db', role: 'requirer' },
      { application: 'pg', endpoint: 'db', role: 'provider' },
    ],
    endpoint,
  );
  c.remoteApplications.pair(relation.id, 'tok', remote);
  c.relations.enterScope(relation.id, unit);
  return { c, relationId: relation.id };
}

const alive = (units: RelationChange['units'], applicationSettings: Record<string, string> = {}): RelationChange => ({
  life: 'alive',
  units,
  applicationSettings,
});

interface Case {
  name: string;
  /** Published one after the other; the last is checked. undefined: the relation is gone there. */
  changes: Array<RelationChange | undefined>;
  scope: string[];
  bags: Record<string, { data: Record<string, string>; version: number }>;
  life: string | null;
  /** Wakes of the unit agents by the last change. */
  wakes: number;
}

const cases: Case[] = [
  {
    name: 'a remote unit enters scope with its databag, named after the alias',
    changes: [alive({ 0: { host: 'h' } }, { leader: 'pg/0' })],
    scope: ['app/0', 'pg/0'],
    bags: { 'pg/0': { data: { host: 'h' }, version: 1 }, pg: { data: { leader: 'pg/0' }, version: 1 } },
    life: 'alive',
    wakes: 1,
  },
  {
    name: 'the same change again changes nothing and wakes no one',
    changes: [alive({ 0: { host: 'h' } }), alive({ 0: { host: 'h' } })],
    scope: ['app/0', 'pg/0'],
    bags: { 'pg/0': { data: { host: 'h' }, version: 1 }, pg: { data: {}, version: 0 } },
    life: 'alive',
    wakes: 0,
  },
  {
    name: 'a key gone there is deleted here, in one bump',
    changes: [alive({ 0: { host: 'h', port: '1' } }), alive({ 0: { host: 'h2' } })],
    scope: ['app/0', 'pg/0'],
    bags: { 'pg/0': { data: { host: 'h2' }, version: 2 } },
    life: 'alive',
    wakes: 1,
  },
  {
    name: 'a unit that left scope there leaves it here',
    changes: [alive({ 0: {}, 1: { a: '1' } }), alive({ 1: { a: '1' } })],
    scope: ['app/0', 'pg/1'],
    bags: {},
    life: 'alive',
    wakes: 1,
  },
  {
    name: 'a side dying there kills the relation here; its units stay until they leave there',
    changes: [alive({ 0: { a: '1' } }), { life: 'dying', units: { 0: { a: '1' } }, applicationSettings: {} }],
    scope: ['app/0', 'pg/0'],
    bags: {},
    life: 'dying',
    wakes: 1,
  },
  {
    name: 'a relation gone there: dying here, its remote units out of scope',
    changes: [alive({ 0: { a: '1' } }), undefined],
    scope: ['app/0'],
    bags: {},
    life: 'dying',
    wakes: 2,
  },
  {
    name: 'a dying relation takes in no new remote unit',
    changes: [{ life: 'dying', units: {}, applicationSettings: {} }, alive({ 3: { a: '1' } })],
    scope: ['app/0'],
    bags: { 'pg/3': { data: {}, version: 0 } },
    life: 'dying',
    wakes: 0,
  },
];

for (const { name, changes, scope, bags, life, wakes } of cases) {
  t.test(name, async (t) => {
    const { c, relationId } = consuming(t);
    let woken = 0;
    for (const [i, change] of changes.entries()) {
      if (i === changes.length - 1) c.onChange(() => woken++);
      c.remoteApplications.publishChange('tok', change);
    }
    t.same(c.relations.scope(relationId), scope, 'scope');
    for (const [holder, bag] of Object.entries(bags)) {
      t.same(holder.includes('/') ? c.settings.unitDatabag(relationId, holder) : c.settings.applicationDatabag(relationId, holder), bag, holder);
    }
    t.equal(c.relations.exists(relationId) ? c.relations.get(relationId).life : null, life, 'life');
    t.equal(woken, wakes, 'wakes');
  });
}

t.test('what this side publishes: its own units in scope by number, its application databag, its life', async (t) => {
  const { c, relationId } = consuming(t);
  c.remoteApplications.publishChange('tok', alive({ 0: { host: 'h' } }, { leader: 'pg/0' }));
  c.commitHookChanges({ unit: 'app/0', relations: [{ relationId, unitSettings: { want: 'db' }, applicationSettings: { user: 'u' } }] });
  t.same(c.remoteApplications.relationChange('tok'), {
    life: 'alive',
    units: { 0: { 'egress-subnets': '127.1.0.1/32', 'ingress-address': '127.1.0.1', 'private-address': '127.1.0.1', want: 'db' } },
    applicationSettings: { user: 'u' },
  });
  t.equal(c.remoteApplications.remoteModelUuid(relationId), 'uuid-of-offering', 'relation-model-get');
  t.equal(c.remoteApplications.relationChange('other'), undefined, 'an unknown token');
  c.life.destroyRelation(relationId);
  t.equal(c.remoteApplications.relationChange('tok')?.life, 'dying');
  c.life.leaveScope(relationId, 'app/0');
  c.remoteApplications.publishChange('tok', undefined);
  t.notOk(c.relations.exists(relationId), 'gone once both sides left scope');
  t.equal(c.remoteApplications.relationChange('tok'), undefined, 'a gone relation publishes nothing, and its token goes');
  t.same(c.remoteApplications.remoteRelations(), []);
});
