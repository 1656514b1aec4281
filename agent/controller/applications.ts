// Applications: their charm (name, revision, metadata), the user's config, the leader, and the
// status the leader set. Deploying one adds its peer relations, as `juju deploy` does.
import { applicationEndpoints, type CharmMeta } from '../charm/metadata.js';
import type { ConfigValue } from '../../core/hook-context.js';
import { JujuSimError, entityNotFound, applicationExists } from '../../core/errors.js';
import type { ApplicationRecord, StatusValue } from './records.js';
import type { Relations } from './relations.js';
import type { StatusHistory } from './status-history.js';
import { now, parseJson, type Store } from './store.js';

/** The charm URL Juju gives a locally deployed charm. */
export const charmURL = (app: ApplicationRecord): string => `local:${app.charmName}-${app.charmRev}`;

function toApplication(row: Record<string, unknown>): ApplicationRecord {
  type Stored = Omit<CharmMeta, 'actions' | 'extraBindings' | 'resources'> & Partial<Pick<CharmMeta, 'actions' | 'extraBindings' | 'resources'>>;
  const meta = JSON.parse(row.meta as string) as Stored;
  return {
    name: row.name as string,
    charmName: row.charm_name as string,
    charmDir: row.charm_dir as string,
    charmRev: row.charm_rev as number,
    charmPath: row.charm_path as string | null,
    forceUnits: row.force_units === 1,
    unitVenv: row.unit_venv as string | null,
    // Applications deployed before juju-sim read actions.yaml, extra-bindings and resources have none.
    meta: { ...meta, actions: meta.actions ?? {}, extraBindings: meta.extraBindings ?? [], resources: meta.resources ?? {} },
    config: JSON.parse(row.config as string) as Record<string, ConfigValue>,
    leader: row.leader as string | null,
    status: parseJson<StatusValue>(row.status as string | null),
    life: row.life as string,
    trust: row.trust === 1,
  };
}

/** A charm as the model takes it in. */
export interface DeployedCharm {
  /** The model's copy of the built charm, from which each unit's charm directory is made. */
  dir: string;
  meta: CharmMeta;
  /** What the user deployed it from, which `export-bundle` writes back. */
  path?: string;
  /** A Python environment each unit finds at `../.venv` (built reactive charms). */
  unitVenv?: string;
}

export class Applications {
  constructor(
    private readonly store: Store,
    private readonly relations: Relations,
    private readonly statusHistory: StatusHistory,
  ) {}

  all(): ApplicationRecord[] {
    return (this.store.db.prepare('SELECT * FROM applications ORDER BY name').all() as Record<string, unknown>[]).map(toApplication);
  }

  get(name: string): ApplicationRecord {
    const row = this.store.db.prepare('SELECT * FROM applications WHERE name = ?').get(name) as Record<string, unknown> | undefined;
    if (!row) throw entityNotFound('application', name);
    return toApplication(row);
  }

  has(name: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM applications WHERE name = ?').get(name) !== undefined;
  }

  /** Adds the application and its peer relations, as `juju deploy` does. */
  add(name: string, charm: DeployedCharm): ApplicationRecord {
    const { db } = this.store;
    const { dir, meta, path, unitVenv } = charm;
    db.transaction(() => {
      if (this.has(name)) {
        throw applicationExists(name);
      }
      db.prepare(
        'INSERT INTO applications (name, charm_name, charm_dir, charm_rev, charm_path, unit_venv, meta, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(name, meta.name, dir, this.store.next(`charm-rev:${meta.name}`), path ?? null, unitVenv ?? null, JSON.stringify(meta), now());
      this.relations.addPeers(name, meta);
    })();
    this.store.changed();
    return this.get(name);
  }

  /**
   * `refresh`: the application moves to a new revision of its charm (Juju's SetCharm). The
   * charm must keep its name and every endpoint a relation uses; new peer endpoints get their
   * peer relation, as at deploy. forceUnits holds until the next refresh, as Juju's flag does.
   */
  setCharm(application: string, charm: Omit<DeployedCharm, 'dir'>, forceUnits = false): ApplicationRecord {
    const { meta, path, unitVenv } = charm;
    const app = this.get(application);
    if (meta.name !== app.charmName) throw new JujuSimError(`cannot refresh "${app.charmName}" to "${meta.name}"`);
    this.store.db.transaction(() => {
      const revision = this.store.next(`charm-rev:${meta.name}`);
      const url = charmURL({ ...app, charmRev: revision });
      for (const relation of this.relations.of(app.name)) {
        for (const used of relation.endpoints.filter((e) => e.application === app.name)) {
          const kept = applicationEndpoints(meta).some((e) => e.name === used.endpoint && e.role === used.role && e.interface === relation.interface);
          if (!kept) {
            throw new JujuSimError(`cannot upgrade application "${app.name}" to charm "${url}": would break relation "${relation.key}"`);
          }
        }
      }
      this.store.db
        .prepare('UPDATE applications SET charm_rev = ?, charm_path = ?, force_units = ?, unit_venv = ?, meta = ? WHERE name = ?')
        .run(revision, path ?? null, forceUnits ? 1 : 0, unitVenv ?? null, JSON.stringify(meta), app.name);
      this.relations.addPeers(app.name, meta);
    })();
    this.store.changed();
    return this.get(application);
  }

  /** `config`: sets (or, for null, resets) user values; every unit then runs config-changed. */
  updateConfig(application: string, changes: Record<string, ConfigValue | null>): void {
    const config = { ...this.get(application).config };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete config[key];
      else config[key] = value;
    }
    this.store.db.prepare('UPDATE applications SET config = ? WHERE name = ?').run(JSON.stringify(config), application);
    this.store.changed();
  }

  /** `trust`, `deploy --trust`: whether the application may read the model's cloud credential. */
  setTrust(application: string, trust: boolean): void {
    this.store.db.prepare('UPDATE applications SET trust = ? WHERE name = ?').run(trust ? 1 : 0, this.get(application).name);
  }

  setStatus(application: string, value: Omit<StatusValue, 'since'>): void {
    const set = { ...value, since: now() };
    this.store.db.prepare('UPDATE applications SET status = ? WHERE name = ?').run(JSON.stringify(set), application);
    this.statusHistory.record(application, 'application', set);
  }

  /** The unit that leads the application from now on; null while it has no unit to lead. */
  setLeader(application: string, unit: string | null): void {
    this.store.db.prepare('UPDATE applications SET leader = ? WHERE name = ?').run(unit, application);
  }

  /** `elect`: leadership passes to the unit at once, as when Juju's lease goes to another unit. */
  elect(application: string, unit: string): void {
    this.setLeader(application, unit);
    this.store.changed();
  }
}
