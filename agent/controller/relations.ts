// Relations: their endpoints, their key, and their scope (the units that entered it). A unit
// entering scope gets its address keys in its databag; leaving scope, and the removal of a
// dying relation, are in life.ts with the rest of the model's removals.
import type { CharmMeta, Endpoint, Role } from '../charm/metadata.js';
import { entityNotFound, relationExists } from '../../core/errors.js';
import { unitNetworks } from './network-info.js';
import type { RelationEndpoint, RelationRecord, UnitRecord } from './records.js';
import type { Settings } from './settings.js';
import type { Store } from './store.js';

/** The addresses Juju writes into a unit's databag when it enters relation scope (the facade's EnterScope). */
function addressSettings(unit: UnitRecord): Record<string, string> {
  const { ingress, egress } = unitNetworks(unit);
  return { 'egress-subnets': egress.join(','), 'ingress-address': ingress[0], 'private-address': ingress[0] };
}

/** Juju's relation key: endpoints as `app:endpoint`, requirer before provider. */
function relationKey(endpoints: RelationEndpoint[]): string {
  const order: Record<Role, number> = { requirer: 0, provider: 1, peer: 2 };
  return [...endpoints]
    .sort((a, b) => order[a.role] - order[b.role] || a.application.localeCompare(b.application))
    .map((e) => `${e.application}:${e.endpoint}`)
    .join(' ');
}

export class Relations {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
  ) {}

  private insert(endpoints: RelationEndpoint[], spec: Pick<Endpoint, 'interface' | 'scope'>): number {
    const { db } = this.store;
    const key = relationKey(endpoints);
    if (db.prepare('SELECT 1 FROM relations WHERE key = ?').get(key)) {
      throw relationExists(key);
    }
    const id = this.store.next('relation');
    db.prepare('INSERT INTO relations (id, key, interface, scope) VALUES (?, ?, ?, ?)').run(id, key, spec.interface, spec.scope);
    const insert = db.prepare('INSERT INTO relation_endpoints (relation_id, application, endpoint, role) VALUES (?, ?, ?, ?)');
    for (const e of endpoints) insert.run(id, e.application, e.endpoint, e.role);
    return id;
  }

  /** Adds a provider/requirer relation between two resolved endpoints. */
  add(endpoints: [RelationEndpoint, RelationEndpoint], spec: Pick<Endpoint, 'interface' | 'scope'>): RelationRecord {
    const id = this.store.db.transaction(() => this.insert(endpoints, spec))();
    this.store.changed();
    return this.get(id);
  }

  /** A peer relation for each peer endpoint of the charm that has none yet; in the caller's transaction. */
  addPeers(application: string, meta: CharmMeta): void {
    const existing = this.of(application);
    for (const peer of meta.endpoints.filter((e) => e.role === 'peer')) {
      if (existing.some((r) => r.endpoints.some((e) => e.application === application && e.endpoint === peer.name))) continue;
      this.insert([{ application, endpoint: peer.name, role: 'peer' }], peer);
    }
  }

  private endpointsOf(id: number): RelationEndpoint[] {
    return this.store.db
      .prepare('SELECT application, endpoint, role FROM relation_endpoints WHERE relation_id = ? ORDER BY role, application')
      .all(id) as RelationEndpoint[];
  }

  all(): RelationRecord[] {
    return (this.store.db.prepare('SELECT * FROM relations ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
      id: r.id as number,
      key: r.key as string,
      interface: r.interface as string,
      scope: r.scope as string,
      life: r.life as string,
      endpoints: this.endpointsOf(r.id as number),
    }));
  }

  get(id: number): RelationRecord {
    const found = this.all().find((r) => r.id === id);
    if (!found) throw entityNotFound('relation', String(id));
    return found;
  }

  /** Whether the relation is still there: a hook's writes to a removed relation are dropped. */
  exists(id: number): boolean {
    return this.store.db.prepare('SELECT 1 FROM relations WHERE id = ?').get(id) !== undefined;
  }

  /** Relations in which the application takes part. */
  of(application: string): RelationRecord[] {
    return this.all().filter((r) => r.endpoints.some((e) => e.application === application));
  }

  /** Units in the relation's scope, string-sorted. */
  scope(relationId: number): string[] {
    return (this.store.db.prepare('SELECT unit FROM relation_scopes WHERE relation_id = ? ORDER BY unit').all(relationId) as {
      unit: string;
    }[]).map((r) => r.unit);
  }

  /** Puts the unit in scope and writes its address keys into its databag (Juju's EnterScope). */
  enterScope(relationId: number, unit: UnitRecord): void {
    this.store.db.transaction(() => {
      this.store.db.prepare('INSERT OR IGNORE INTO relation_scopes (relation_id, unit) VALUES (?, ?)').run(relationId, unit.name);
      this.settings.apply(relationId, unit.name, 'unit', addressSettings(unit));
    })();
    this.store.changed();
  }
}
