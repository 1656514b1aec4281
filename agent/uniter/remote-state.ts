// A unit as the controller sees it, snapshotted for the resolver (Juju's remote-state watcher,
// worker/uniter/remotestate): its life and leadership, its application's config and charm, its
// relations with their members' settings versions, the actions queued for it, its secrets'
// changes, rotations and expiries, and the ticks of its update-status timer, which the agent keeps, as Juju's watcher does.
import { createHash } from 'node:crypto';
import type { RelationRecord } from '../controller/records.js';
import type { UniterAPI } from '../controller/uniter-api.js';
import { relationSides } from '../controller/endpoints.js';
import type { RemoteRelation, RemoteState } from './resolver.js';

function remoteRelation(controller: UniterAPI, unitName: string, relation: RelationRecord, application: string): RemoteRelation {
  const { local, remote } = relationSides(relation, application);
  const remoteApp = remote.application;
  const members: Record<string, number> = {};
  for (const unit of controller.scope(relation.id)) {
    if (unit !== unitName && unit.split('/')[0] === remoteApp) members[unit] = controller.unitDatabag(relation.id, unit).version;
  }
  return {
    id: relation.id,
    endpoint: local.endpoint,
    remoteApp,
    isPeer: local.role === 'peer',
    life: relation.life === 'alive' ? 'alive' : 'dying',
    members,
    appMembers: { [remoteApp]: controller.applicationDatabag(relation.id, remoteApp).version },
  };
}

export function remoteState(controller: UniterAPI, unitName: string, updateStatusVersion: number): RemoteState {
  const unit = controller.unit(unitName);
  const app = controller.application(unit.application);
  const config = JSON.stringify(Object.entries(app.config).sort(([a], [b]) => a.localeCompare(b)));
  return {
    life: unit.life === 'alive' ? 'alive' : 'dying',
    leader: app.leader === unit.name,
    leaderSettingsVersion: controller.leaderSettings(app.name).version,
    configHash: createHash('sha256').update(config).digest('hex'),
    charmRev: app.charmRev,
    forceCharmUpgrade: app.forceUnits,
    relations: new Map(controller.relationsOf(app.name).map((r) => [r.id, remoteRelation(controller, unit.name, r, app.name)])),
    actions: controller.actions(unit.name, 'pending').map(({ id, name }) => ({ id, name })),
    updateStatusVersion,
    secrets: controller.secretsView(unit.name, app.leader === unit.name),
  };
}
