// Life and removal, as Juju's: `remove-*` makes an entity dying; it is removed once nothing
// holds it any more. A dying relation goes when its scope is empty, a dying application with
// its last unit, and a unit when its agent has run its last hook.
import { JujuSimError } from '../../core/errors.js';
import type { Applications } from './applications.js';
import type { Relations } from './relations.js';
import type { Resources } from './resources.js';
import { relationTag, type Secrets } from './secrets.js';
import type { Store } from './store.js';
import type { Units } from './units.js';

export class Life {
  constructor(
    private readonly store: Store,
    private readonly applications: Applications,
    private readonly units: Units,
    private readonly relations: Relations,
    private readonly secrets: Secrets,
    private readonly resources: Resources,
  ) {}

  /** Takes the unit out of scope; a dying relation whose scope is empty is removed with its databags. */
  leaveScope(relationId: number, unit: string): void {
    this.store.db.transaction(() => this.leave(relationId, unit))();
    this.store.changed();
  }

  /** `remove-relation`: every unit in scope departs and breaks, then the relation goes. */
  destroyRelation(relationId: number): void {
    const relation = this.relations.get(relationId);
    if (relation.endpoints.length === 1) throw new JujuSimError(`cannot destroy relation "${relation.key}": is a peer relation`);
    this.store.db.transaction(() => this.killRelation(relationId))();
    this.store.changed();
  }

  /** `remove-unit`: the unit's agent departs its relations, stops, runs remove, then it is gone. */
  destroyUnit(unit: string): void {
    this.units.get(unit);
    this.store.db.prepare("UPDATE units SET life = 'dying' WHERE name = ?").run(unit);
    this.store.changed();
  }

  /** `remove-application`: all its units and relations die; the application goes with its last unit. */
  destroyApplication(application: string): void {
    this.applications.get(application);
    const { db } = this.store;
    db.transaction(() => {
      db.prepare("UPDATE applications SET life = 'dying' WHERE name = ?").run(application);
      db.prepare("UPDATE units SET life = 'dying' WHERE application = ?").run(application);
      for (const relation of this.relations.of(application)) this.killRelation(relation.id);
      this.removeApplicationIfDone(application);
    })();
    this.store.changed();
  }

  /**
   * The unit's agent has finished: it leaves every scope and is removed. If it led its
   * application, the next unit becomes leader (and runs leader-elected).
   */
  removeUnit(unit: string): void {
    const record = this.units.get(unit);
    const { db } = this.store;
    db.transaction(() => {
      for (const { relation_id: id } of db.prepare('SELECT relation_id FROM relation_scopes WHERE unit = ?').all(unit) as {
        relation_id: number;
      }[]) {
        this.leave(id, unit);
      }
      for (const table of ['charm_state', 'opened_ports']) db.prepare(`DELETE FROM ${table} WHERE unit = ?`).run(unit);
      db.prepare('DELETE FROM units WHERE name = ?').run(unit);
      // Juju removes a unit's secrets with it, and what it consumed.
      this.secrets.removeOwnedBy('unit', unit);
      this.secrets.removeConsumer(unit);
      const app = this.applications.get(record.application);
      if (app.leader === unit) {
        const next = this.units.all(app.name).find((u) => u.life === 'alive');
        this.applications.setLeader(app.name, next?.name ?? null);
      }
      this.removeApplicationIfDone(app.name);
    })();
    this.store.changed();
  }

  private leave(relationId: number, unit: string): void {
    this.store.db.prepare('DELETE FROM relation_scopes WHERE relation_id = ? AND unit = ?').run(relationId, unit);
    this.removeRelationIfDone(relationId);
  }

  /** The relation dies, and goes at once if no unit is in its scope. */
  private killRelation(relationId: number): void {
    this.store.db.prepare("UPDATE relations SET life = 'dying' WHERE id = ?").run(relationId);
    this.removeRelationIfDone(relationId);
  }

  private removeRelationIfDone(relationId: number): void {
    const { db } = this.store;
    const relation = db.prepare('SELECT life FROM relations WHERE id = ?').get(relationId) as { life: string } | undefined;
    if (relation?.life !== 'dying' || this.relations.scope(relationId).length > 0) return;
    // Grants to the relation's applications go with it.
    this.secrets.removeScope(relationTag(this.relations.get(relationId).key));
    for (const table of ['settings', 'relation_endpoints', 'relation_scopes']) {
      db.prepare(`DELETE FROM ${table} WHERE relation_id = ?`).run(relationId);
    }
    db.prepare('DELETE FROM relations WHERE id = ?').run(relationId);
  }

  private removeApplicationIfDone(application: string): void {
    const app = this.applications.get(application);
    if (app.life !== 'dying' || this.units.all(application).length > 0) return;
    this.store.db.prepare('DELETE FROM leader_settings WHERE application = ?').run(application);
    this.secrets.removeOwnedBy('application', application);
    this.secrets.removeGrantsTo(application);
    this.resources.remove(application);
    this.store.db.prepare('DELETE FROM applications WHERE name = ?').run(application);
  }
}
