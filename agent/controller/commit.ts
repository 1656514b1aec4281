// The commit of one hook's buffered changes (Juju's CommitHookChanges): relation settings,
// charm state and ports, with the hook's history record, in one transaction.
import { JujuSimError } from '../../core/errors.js';
import type { Controller } from './controller.js';
import type { HookChanges, HookRun, SettingsVersion } from './records.js';
import type { Store } from './store.js';

/**
 * Stores the changes all or nothing. Application settings need the unit to still be leader, as
 * Juju's leadership token does. The history record, when given, is written in the same
 * transaction: a daemon killed at any moment leaves both or neither. Returns the databag
 * versions it bumped, so the writer can count its own writes as seen.
 */
export function commitHookChanges(
  store: Store,
  model: Pick<Controller, 'applications' | 'units' | 'relations' | 'settings' | 'history'>,
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
    if (run) model.history.recordHookRun(run);
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
  })();
  if (bumped.length > 0) store.changed();
  return bumped;
}
