// The commit of one hook's buffered changes (Juju's CommitHookChanges): relation settings,
// charm state and ports, with the hook's history record, in one transaction.
import { JujuSimError } from '../../core/errors.js';
import type { Applications } from './applications.js';
import type { History } from './history.js';
import { hookDiff, type DiffSources } from './hook-diff.js';
import type { HookChanges, HookRun, SecretAccessChange, SecretChanges, SettingsVersion, UnitRecord } from './records.js';
import type { Relations } from './relations.js';
import { relationTag, secretURI, type Secrets } from './secrets.js';
import type { Store } from './store.js';

/** What a hook's commit reads and writes of the controller. */
type CommitTargets = DiffSources & { applications: Applications; history: History; secrets: Secrets };

/**
 * Stores the changes all or nothing. Application settings need the unit to still be leader, as
 * Juju's leadership token does. The history record, when given, is written in the same
 * transaction: a daemon killed at any moment leaves both or neither. Returns the databag
 * versions it bumped, so the writer can count its own writes as seen.
 */
export function commitHookChanges(
  store: Store,
  model: CommitTargets,
  changes: HookChanges,
  run?: HookRun,
): SettingsVersion[] {
  const { db } = store;
  const unit = model.units.get(changes.unit);
  const bumped: SettingsVersion[] = [];
  const write = (relationId: number, holder: string, kind: 'unit' | 'application', settings: Record<string, string>): void => {
    const version = model.settings.apply(relationId, holder, kind, settings);
    if (version !== null) bumped.push({ relationId, holder, version });
  };
  db.transaction(() => {
    // The diff is taken before anything is written: it is what this commit changes. The record
    // goes in after the writes: the model as it is then is the model after the hook.
    const diff = run && hookDiff(model, changes, 'committed');
    for (const r of changes.relations) {
      if (!model.relations.exists(r.relationId)) continue;
      if (r.unitSettings) write(r.relationId, unit.name, 'unit', r.unitSettings);
      if (r.applicationSettings) {
        if (model.applications.get(unit.application).leader !== unit.name) {
          throw new JujuSimError(`cannot write application settings: unit "${unit.name}" is not the leader`);
        }
        write(r.relationId, unit.application, 'application', r.applicationSettings);
      }
    }
    if (changes.charmState) {
      db.prepare('INSERT INTO charm_state (unit, data) VALUES (?, ?) ON CONFLICT(unit) DO UPDATE SET data = excluded.data').run(
        unit.name,
        JSON.stringify(changes.charmState),
      );
    }
    const open = db.prepare('INSERT OR IGNORE INTO opened_ports (unit, endpoint, protocol, port_from, port_to) VALUES (?, ?, ?, ?, ?)');
    for (const p of changes.openPorts ?? []) open.run(unit.name, p.endpoint, p.protocol, p.from, p.to);
    const close = db.prepare('DELETE FROM opened_ports WHERE unit = ? AND endpoint = ? AND protocol = ? AND port_from = ? AND port_to = ?');
    for (const p of changes.closePorts ?? []) close.run(unit.name, p.endpoint, p.protocol, p.from, p.to);
    if (changes.secrets) commitSecretChanges(model, unit, changes.secrets);
    const done = changes.secretHook;
    if (done?.kind === 'secret-rotate') model.secrets.rotated(done.id, done.revision);
    if (done?.kind === 'secret-expired') model.secrets.expired(done.id, done.revision);
    if (run) model.history.recordHookRun(run, diff!);
  })();
  if (bumped.length > 0 || changes.secrets || changes.secretHook) store.changed();
  return bumped;
}

/**
 * A hook's secret changes, as Juju's facade checks them: a unit manages the secrets it owns,
 * and its application's while it leads; a grant or revoke names a relation of the unit's
 * application and the application (or a unit of it) on its other side.
 */
function commitSecretChanges(model: Pick<CommitTargets, 'applications' | 'relations' | 'secrets'>, unit: UnitRecord, changes: SecretChanges): void {
  const { secrets } = model;
  const leads = (): boolean => model.applications.get(unit.application).leader === unit.name;
  for (const c of changes.creates) {
    if (c.owner === 'application' && !leads()) throw new JujuSimError('this unit is not the leader');
    secrets.create(c.id, c.owner, c.owner === 'application' ? unit.application : unit.name, c.fields);
  }
  const manage = (id: string): void => {
    const secret = secrets.get(id);
    const owns = secret.ownerKind === 'unit' ? secret.ownerName === unit.name : secret.ownerKind === 'application' && secret.ownerName === unit.application;
    if (!owns) throw new JujuSimError('permission denied');
    if (secret.ownerKind === 'application' && !leads()) throw new JujuSimError('this unit is not the leader');
  };
  for (const u of changes.updates) {
    manage(u.id);
    secrets.update(u.id, u.fields);
  }
  for (const g of changes.grants) {
    manage(g.id);
    secrets.grant(g.id, { ...accessSubject(model, unit, g), scope: relationTag(model.relations.get(g.relationId!).key) });
  }
  for (const r of changes.revokes) {
    manage(r.id);
    secrets.revoke(r.id, accessSubject(model, unit, r));
  }
  for (const r of changes.removes) {
    manage(r.id);
    secrets.remove(r.id, r.revision);
  }
}

/** The application or unit a grant is for, which must be on the other side of its relation. */
function accessSubject(model: { relations: Relations }, unit: UnitRecord, access: SecretAccessChange): { application?: string; unit?: string } {
  if (access.relationId !== undefined) {
    const relation = model.relations.get(access.relationId);
    const others = relation.endpoints.map((e) => e.application);
    const app = access.application ?? access.unit?.split('/')[0];
    if (app === undefined || !others.includes(app) || (app === unit.application && others.length > 1)) {
      throw new JujuSimError(`cannot grant access to secret "${secretURI(access.id)}": ${app ?? ''} is not related`);
    }
  }
  return access.unit !== undefined ? { unit: access.unit } : { application: access.application };
}
