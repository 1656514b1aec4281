// The hook context against a real controller database: Juju's read rules for relation data
// (the per-relation cache of remote unit settings, application databag permissions), the
// write buffer that only `changes()` lets out, and an action's context.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionState } from '../../../agent/context/action.js';
import { UnitHookContext, type RelationView } from '../../../agent/context/hook-context.js';
import { RelationCache } from '../../../agent/context/relation-cache.js';
import { Controller } from '../../../agent/controller/controller.js';
import { uniterAPI } from '../../../agent/controller/uniter-api.js';
import type { CharmMeta } from '../../../agent/charm/metadata.js';
import type { ContextNetworking, NetworkInfo } from '../../../core/hook-context.js';
import type { HookKind } from '../../../agent/uniter/hook.js';
import { StatusGetCommand } from '../../../hooktools/tools/status-get.js';
import { StatusSetCommand } from '../../../hooktools/tools/status-set.js';
import { runWith } from '../../hooktools/fakes/run.js';

const meta = (name: string, endpoints: CharmMeta['endpoints'], actions: CharmMeta['actions'] = {}, extraBindings: string[] = []): CharmMeta => ({
  name,
  subordinate: false,
  endpoints,
  extraBindings,
  options: {},
  actions,
  resources: {},
});

function model(t: Test): { controller: Controller; relation: number; peers: number } {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-ctx-'));
  const controller = new Controller(join(dir, 'controller.db'), 'test');
  t.teardown(() => {
    controller.close();
    rmSync(dir, { recursive: true, force: true });
  });
  controller.applications.add('db', { dir, meta: meta('db', [{ name: 'db', role: 'provider', interface: 'pg', scope: 'global' }]) });
  controller.applications.add('web', { dir, meta: meta('web', [
    { name: 'db', role: 'requirer', interface: 'pg', scope: 'global' },
    { name: 'cluster', role: 'peer', interface: 'web-peers', scope: 'global' },
  ], {
    backup: {
      description: 'Back up.',
      params: { target: { type: 'string' }, keep: { type: 'integer', default: 3 } },
      required: ['target'],
      additionalProperties: false,
    },
  }, ['public', 'admin-api']) });
  for (const app of ['db', 'web', 'web']) controller.units.add(app);
  const peers = controller.relations.of('web').find((r) => r.endpoints.length === 1)!.id;
  const relation = controller.relations.add(
    [
      { application: 'db', endpoint: 'db', role: 'provider' },
      { application: 'web', endpoint: 'db', role: 'requirer' },
    ],
    { interface: 'pg', scope: 'global' },
  ).id;
  const api = uniterAPI(controller);
  for (const unit of ['db/0', 'web/0', 'web/1']) api.enterScope(relation, unit);
  for (const unit of ['web/0', 'web/1']) api.enterScope(peers, unit);
  return { controller, relation, peers };
}

function context(
  controller: Controller,
  unit: string,
  views: RelationView[],
  cache: RelationCache,
  hook: { kind?: HookKind; relationId?: number; remoteUnit?: string } = {},
  action?: ActionState,
): UnitHookContext {
  return new UnitHookContext({
    id: `${unit}-test`,
    unit: controller.units.get(unit),
    controller: uniterAPI(controller),
    cache,
    relations: views,
    hookKind: hook.kind,
    relationId: hook.relationId,
    remoteUnit: hook.remoteUnit,
    action,
    // No charm here declares a resource: resource-get is tested end to end (juju-resources-trust).
    resourcesDir: join(tmpdir(), 'jsim-ctx-no-resources'),
  });
}

t.test('remote unit data is what it was at that unit\'s last -changed here', async (t) => {
  const { controller, relation } = model(t);
  const view: RelationView = { id: relation, key: 'web:db db:db', endpoint: 'db', remoteApp: 'db', isPeer: false, members: ['db/0'] };
  const cache = new RelationCache();
  const write = (value: string): void => {
    controller.commitHookChanges({ unit: 'db/0', relations: [{ relationId: relation, unitSettings: { host: value } }] });
  };

  write('one');
  cache.invalidate(relation, 'db/0');
  t.equal(context(controller, 'web/0', [view], cache, { kind: 'relation-changed', relationId: relation, remoteUnit: 'db/0' }).relation(relation).readSettings('db/0').host, 'one');

  write('two');
  const later = context(controller, 'web/0', [view], cache, { kind: 'config-changed' });
  t.equal(later.relation(relation).readSettings('db/0').host, 'one', 'another hook still sees the cached value');

  cache.invalidate(relation, 'db/0');
  const changed = context(controller, 'web/0', [view], cache, { kind: 'relation-changed', relationId: relation, remoteUnit: 'db/0' });
  t.equal(changed.relation(relation).readSettings('db/0').host, 'two', 'its next -changed sees the new value');
});

t.test('application databags: remote readable by all, own only by the leader unless peers', async (t) => {
  const { controller, relation, peers } = model(t);
  controller.commitHookChanges({ unit: 'db/0', relations: [{ relationId: relation, applicationSettings: { url: 'pg://' } }] });
  controller.commitHookChanges({ unit: 'web/0', relations: [{ relationId: peers, applicationSettings: { secret: 's' } }] });
  const cache = new RelationCache();
  const views: RelationView[] = [
    { id: relation, key: 'web:db db:db', endpoint: 'db', remoteApp: 'db', isPeer: false, members: ['db/0'] },
    { id: peers, key: 'web:cluster', endpoint: 'cluster', remoteApp: 'web', isPeer: true, members: ['web/0'] },
  ];
  const minion = context(controller, 'web/1', views, cache);
  t.same(minion.relation(relation).readApplicationSettings('db'), { url: 'pg://' });
  t.throws(() => minion.relation(relation).readApplicationSettings('web'), { message: 'permission denied' });
  t.same(minion.relation(peers).readApplicationSettings('web'), { secret: 's' });
  t.throws(() => minion.relation(relation).applicationSettings(), { message: 'permission denied' });
  t.throws(() => minion.relation(relation).readSettings('other/0'), { message: 'permission denied' });
  t.same(
    minion.relation(relation).readSettings('web/0'),
    controller.settings.unitDatabag(relation, 'web/0').data,
    'a unit of its own application on a regular relation: Juju only asks that the application take part',
  );
  t.throws(() => minion.relation(relation).readSettings('db/7'), {
    message: 'cannot read settings for unit "db/7" in relation "web:db db:db": unit "db/7": settings not found',
  });

  const leader = context(controller, 'web/0', views, cache);
  leader.relation(relation).applicationSettings().set('k', 'v');
  t.same(leader.relation(relation).applicationSettings().map(), { k: 'v' }, 'the leader sees its pending write');
  t.same(controller.settings.applicationDatabag(relation, 'web').data, {}, 'nothing is stored before the commit');
  controller.commitHookChanges(leader.changes());
  t.same(controller.settings.applicationDatabag(relation, 'web'), { data: { k: 'v' }, version: 1 });
});

t.test('a commit writes only real changes: no change, no version bump', async (t) => {
  const { controller, relation } = model(t);
  const before = controller.settings.unitDatabag(relation, 'web/0');
  t.equal(before.version, 1, 'scope entry wrote the address keys');
  const ctx = context(controller, 'web/0', [], new RelationCache());
  t.same(ctx.changes(), { unit: 'web/0', relations: [] });
  controller.commitHookChanges({ unit: 'web/0', relations: [{ relationId: relation, unitSettings: { 'private-address': before.data['private-address'], gone: '' } }] });
  t.same(controller.settings.unitDatabag(relation, 'web/0'), before, 'same values and deleting a missing key change nothing');
  controller.commitHookChanges({ unit: 'web/0', relations: [{ relationId: relation, unitSettings: { a: '1', b: '2', c: '3' } }] });
  t.equal(controller.settings.unitDatabag(relation, 'web/0').version, 2, 'three keys, one bump');
});

t.test('network info: every binding of the unit, each bound to the unit\'s own address', async (t) => {
  const { controller, relation } = model(t);
  const bound = (unit: string): NetworkInfo => {
    const { address } = controller.units.get(unit);
    return {
      bindAddresses: [{ macAddress: '', interfaceName: 'lo', addresses: [{ hostname: '', value: address, cidr: '127.0.0.0/8' }] }],
      egressSubnets: [`${address}/32`],
      ingressAddresses: [address],
    };
  };
  const cases: Array<{ name: string; unit: string; bindings: string[]; relationId?: number; want: string[] }> = [
    { name: 'the default binding', unit: 'web/1', bindings: [''], want: [''] },
    { name: 'a requirer endpoint', unit: 'web/1', bindings: ['db'], want: ['db'] },
    { name: 'a peer endpoint', unit: 'web/1', bindings: ['cluster'], want: ['cluster'] },
    { name: 'the juju-info endpoint every application provides', unit: 'web/1', bindings: ['juju-info'], want: ['juju-info'] },
    { name: 'extra bindings', unit: 'web/1', bindings: ['public', 'admin-api'], want: ['public', 'admin-api'] },
    { name: 'a provider endpoint', unit: 'db/0', bindings: ['db'], want: ['db'] },
    { name: 'an unknown name gets no entry', unit: 'web/1', bindings: ['unknown', 'public'], want: ['public'] },
    { name: 'an interface is no binding', unit: 'web/1', bindings: ['pg', 'web-peers'], want: [] },
    { name: "another application's extra binding", unit: 'db/0', bindings: ['public'], want: [] },
    { name: '-r: a relation in this model answers as its endpoint does', unit: 'web/1', bindings: ['db'], relationId: relation, want: ['db'] },
    { name: "-r: other bindings answer as they do without it", unit: 'web/1', bindings: ['public'], relationId: relation, want: ['public'] },
  ];
  for (const c of cases) {
    // As the hook tools see it: the relation goes with the bindings.
    const networking: ContextNetworking = context(controller, c.unit, [], new RelationCache());
    t.same(networking.networkInfo(c.bindings, c.relationId), Object.fromEntries(c.want.map((b) => [b, bound(c.unit)])), c.name);
  }
  t.not(bound('web/1').ingressAddresses[0], bound('web/0').ingressAddresses[0], 'each unit has its own address');
  const { ingressAddresses, egressSubnets } = bound('web/1');
  t.same(
    controller.settings.unitDatabag(relation, 'web/1').data,
    { 'egress-subnets': egressSubnets[0], 'ingress-address': ingressAddresses[0], 'private-address': ingressAddresses[0] },
    'entering scope wrote the same addresses into the databag',
  );
});

t.test('actions are queued as Juju queues them: one id sequence, params checked, defaults filled in', async (t) => {
  const { controller } = model(t);
  const { operation, actions } = controller.actions.enqueueOperation([
    { receiver: 'web/leader', name: 'backup', params: { target: '/srv' } },
    { receiver: 'web/1', name: 'backup', params: {} },
    { receiver: 'web/1', name: 'restore', params: {} },
    { receiver: 'web/7', name: 'backup', params: {} },
    { receiver: 'nope/leader', name: 'backup', params: {} },
    { receiver: 'db/0', name: 'backup', params: {} },
    { receiver: 'web/1', name: 'backup', params: { target: '/srv', keep: 1 } },
  ]);
  t.equal(operation, 1);
  t.match(actions, [
    { action: { id: 2, operation: 1, unit: 'web/0', name: 'backup', params: { target: '/srv', keep: 3 }, status: 'pending', results: null, log: [] } },
    { error: 'validation failed: (root) : "target" property is missing and required, given {}' },
    { error: 'action "restore" not defined on unit "web/1"' },
    { error: 'unit "web/7" not found' },
    { error: 'could not determine leader for "nope"' },
    { error: 'no actions defined on charm "local:db-0"' },
    { action: { id: 3, unit: 'web/1', params: { target: '/srv', keep: 1 } } },
  ]);
  t.same(controller.actions.of('web/1', 'pending').map((a) => a.id), [3]);
  t.equal(controller.actions.enqueueOperation([]).operation, 4, 'the next operation takes the next id');
});

t.test('an action context: params, results, message, failure; action-log stored at once', async (t) => {
  const { controller } = model(t);
  const [queued] = controller.actions.enqueueOperation([{ receiver: 'web/0', name: 'backup', params: { target: '/srv' } }]).actions;
  const { action } = queued as { action: { id: number; params: Record<string, unknown> } };
  const state = new ActionState(action.id, 'backup', action.params);
  const ctx = context(controller, 'web/0', [], new RelationCache(), {}, state);

  t.same(ctx.actionParams(), { target: '/srv', keep: 3 });
  ctx.updateActionResults(['out', 'file'], 'x.tar');
  ctx.setActionMessage('half done');
  ctx.setActionFailed();
  t.same(state.results(), { out: { file: 'x.tar' } });
  t.equal(state.message, 'half done');
  t.equal(state.failed, true);

  controller.actions.start(action.id);
  ctx.logActionMessage('copying');
  t.match(controller.actions.get(action.id), { status: 'running', log: [{ message: 'copying' }] }, 'the message is in the controller before the action ends');
  t.throws(() => ctx.requestReboot(false), { message: 'juju-reboot is not supported when running an action.' });
  t.same(ctx.changes(), { unit: 'web/0', relations: [] }, 'action results are not hook changes');

  const hook = context(controller, 'web/0', [], new RelationCache(), { kind: 'config-changed' });
  for (const call of [
    () => hook.actionParams(),
    () => hook.updateActionResults(['a'], 'b'),
    () => hook.setActionMessage('m'),
    () => hook.setActionFailed(),
    () => hook.logActionMessage('m'),
  ]) {
    t.throws(call, { message: 'not running an action' });
  }
});

t.test("unit status-get keeps the hook's first read: status-set does not update it (Juju's HookContext.UnitStatus)", async (t) => {
  const { controller } = model(t);
  const get = (ctx: UnitHookContext) => runWith(new StatusGetCommand(ctx), ['--include-data', '--format=json', '--application=false']).stdout;
  const set = (ctx: UnitHookContext, ...args: string[]) => t.equal(runWith(new StatusSetCommand(ctx), args).code, 0);

  const read = context(controller, 'web/0', [], new RelationCache(), { kind: 'config-changed' });
  const first = get(read);
  t.equal(first, '{"message":"waiting for machine","status":"waiting","status-data":{}}\n');
  set(read, '--application=False', 'active', '--', 'ready');
  t.equal(get(read), first, 'the status the hook read first');
  t.equal(controller.units.get('web/0').workloadStatus.current, 'active', 'though the status was set at once');

  const next = context(controller, 'web/0', [], new RelationCache(), { kind: 'update-status' });
  set(next, 'blocked', 'x');
  t.equal(get(next).includes('"status":"blocked"'), true, 'a hook that had not read it yet reads the new status');
  t.equal(get(context(controller, 'web/0', [], new RelationCache(), { kind: 'update-status' })).includes('"blocked"'), true, 'and so does the next hook');
});

t.test("goal-state: each unit's workload status (error when its agent is in error), no peer relation (Juju's oneGoalState)", async (t) => {
  const { controller } = model(t);
  controller.units.setWorkloadStatus('web/1', { current: 'blocked', message: 'need db' });
  controller.units.setWorkloadStatus('db/0', { current: 'maintenance', message: 'installing' });
  controller.units.setAgentStatus('web/0', 'error', 'hook failed: "start"');
  const goal = context(controller, 'web/0', [], new RelationCache(), { kind: 'config-changed' }).goalState();
  const statuses = (units: Record<string, { status: string }>) => Object.fromEntries(Object.entries(units).map(([k, v]) => [k, v.status]));
  t.same(statuses(goal.units), { 'web/0': 'error', 'web/1': 'blocked' });
  t.same(Object.keys(goal.relations), ['db'], 'the cluster peer relation is left out');
  t.same(statuses(goal.relations.db), { db: 'joined', 'db/0': 'maintenance' });
  const since = (s: string) => s.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  t.equal(goal.units['web/1'].since, since(controller.units.get('web/1').workloadStatus.since), "the workload status's time, not the agent's");
});
