// Cross-model relations, as one model's controller holds them (Juju's state offers, remote
// applications and remote relations): the offers this model makes, the remote applications in it
// (a consumed offer under its alias, or, in the offering model, the proxy of a consuming
// application, `remote-<token>`), and each cross-model relation's token, which names the same
// relation in both models. Its units and databags are this model's own: the other side's units
// are mirrored here as the remote application's units by publishChange, and relationChange is
// what this side publishes to the other. Which model is on the other side is the caller's
// business (agent/remote-relations.ts), not the controller's.
import type { Endpoint } from '../charm/metadata.js';
import { JujuSimError, NotFoundError } from '../../core/errors.js';
import type { Applications } from './applications.js';
import type { Life } from './life.js';
import type { RelationRecord } from './records.js';
import type { Relations } from './relations.js';
import type { Settings } from './settings.js';
import type { Store } from './store.js';

export interface OfferRecord {
  name: string;
  application: string;
  endpoints: Endpoint[];
}

export interface RemoteApplicationRecord {
  name: string;
  /** The offer consumed, `admin/<model>.<offer>`; '' for a consuming application's proxy. */
  url: string;
  /** The model on the other side, and its UUID (relation-model-get). */
  sourceModel: string;
  sourceModelUuid: string;
  endpoints: Endpoint[];
  /** In the offering model: the proxy of a consuming model's application. */
  consumerProxy: boolean;
}

/**
 * One side of a cross-model relation as the other model is told it (Juju's
 * RemoteRelationChangeEvent): its life, its units in scope by number with their databags, and
 * its application databag.
 */
export interface RelationChange {
  life: 'alive' | 'dying';
  units: Record<number, Record<string, string>>;
  applicationSettings: Record<string, string>;
}

/** A change that makes `stored` into `wanted` under the settings merge rule (an empty value deletes). */
function replacing(stored: Record<string, string>, wanted: Record<string, string>): Record<string, string> {
  const deletes = Object.keys(stored).filter((k) => !(k in wanted));
  return { ...Object.fromEntries(deletes.map((k) => [k, ''])), ...wanted };
}

export class RemoteApplications {
  constructor(
    private readonly store: Store,
    private readonly applications: Applications,
    private readonly relations: Relations,
    private readonly settings: Settings,
    private readonly life: Life,
  ) {}

  /** `offer app:ep[,ep] [name]`: the endpoints must be the application's, not peers. */
  offer(name: string, application: string, endpointNames: string[]): OfferRecord {
    const app = this.applications.get(application);
    const endpoints = endpointNames.map((ep) => {
      const found = app.meta.endpoints.find((e) => e.name === ep && e.role !== 'peer');
      if (!found) throw new JujuSimError(`cannot add application offer "${name}": application "${application}" has no "${ep}" relation`);
      return found;
    });
    if (this.findOffer(name)) throw new JujuSimError(`cannot add application offer "${name}": application offer already exists`);
    this.store.db.prepare('INSERT INTO offers (name, application, endpoints) VALUES (?, ?, ?)').run(name, application, JSON.stringify(endpoints));
    return { name, application, endpoints };
  }

  offers(): OfferRecord[] {
    return (this.store.db.prepare('SELECT * FROM offers ORDER BY name').all() as Array<{ name: string; application: string; endpoints: string }>).map(
      (r) => ({ ...r, endpoints: JSON.parse(r.endpoints) as Endpoint[] }),
    );
  }

  findOffer(name: string): OfferRecord | undefined {
    return this.offers().find((o) => o.name === name);
  }

  /** The relations made through the offer: its application's relations with consuming proxies. */
  offerConnections(offer: OfferRecord): RelationRecord[] {
    const proxies = new Set(this.remotes().filter((r) => r.consumerProxy).map((r) => r.name));
    return this.relations
      .of(offer.application)
      .filter((r) => r.endpoints.some((e) => proxies.has(e.application)) && r.endpoints.some((e) => offer.endpoints.some((o) => o.name === e.endpoint && e.application === offer.application)));
  }

  /**
   * `remove-offer`: refused while relations use it, as Juju refuses it; with force, those
   * relations die (each side departs and breaks) and the offer goes at once.
   */
  removeOffer(name: string, force: boolean): void {
    const offer = this.findOffer(name);
    if (!offer) throw new NotFoundError(`offer "${name}"`);
    const connections = this.offerConnections(offer);
    const count = connections.length;
    if (force) connections.filter((r) => r.life === 'alive').forEach((r) => this.life.destroyRelation(r.id));
    else if (count > 0) throw new JujuSimError(`cannot delete application offer "${name}": offer has ${count} relation${count === 1 ? '' : 's'}`);
    this.store.db.prepare('DELETE FROM offers WHERE name = ?').run(name);
  }

  /**
   * Before `remove-application`: the application's offers go with it, unless a relation uses one
   * (Juju's removal checks).
   */
  removeOffersOf(application: string): void {
    const offers = this.offers().filter((o) => o.application === application);
    if (offers.some((o) => this.offerConnections(o).length > 0)) {
      throw new JujuSimError(`cannot destroy application "${application}": application is used by ${offers.length} offer${offers.length === 1 ? '' : 's'}`);
    }
    for (const offer of offers) this.store.db.prepare('DELETE FROM offers WHERE name = ?').run(offer.name);
  }

  /**
   * `consume`, or the offering side's proxy of a consuming application. Consuming the same offer
   * under the same name again changes nothing, as in Juju.
   */
  addRemote(remote: RemoteApplicationRecord): RemoteApplicationRecord {
    const existing = this.findRemote(remote.name);
    if (existing) {
      if (existing.url === remote.url && existing.sourceModel === remote.sourceModel) return existing;
      if (existing.sourceModel !== remote.sourceModel) {
        throw new JujuSimError(`saas application called "${remote.name}" from a different model already exists`);
      }
      throw new JujuSimError(`cannot add saas application "${remote.name}": saas application with same name already exists`);
    }
    if (this.applications.has(remote.name)) throw new JujuSimError(`cannot add saas application "${remote.name}": application already exists`);
    this.store.db
      .prepare('INSERT INTO remote_applications (name, url, source_model, source_model_uuid, endpoints, consumer_proxy) VALUES (?, ?, ?, ?, ?, ?)')
      .run(remote.name, remote.url, remote.sourceModel, remote.sourceModelUuid, JSON.stringify(remote.endpoints), remote.consumerProxy ? 1 : 0);
    return remote;
  }

  remotes(): RemoteApplicationRecord[] {
    const rows = this.store.db.prepare('SELECT * FROM remote_applications ORDER BY name').all() as Array<{
      name: string;
      url: string;
      source_model: string;
      source_model_uuid: string;
      endpoints: string;
      consumer_proxy: number;
    }>;
    return rows.map((r) => ({
      name: r.name,
      url: r.url,
      sourceModel: r.source_model,
      sourceModelUuid: r.source_model_uuid,
      endpoints: JSON.parse(r.endpoints) as Endpoint[],
      consumerProxy: r.consumer_proxy === 1,
    }));
  }

  findRemote(name: string): RemoteApplicationRecord | undefined {
    return this.remotes().find((r) => r.name === name);
  }

  /** The UUID of the model across the relation, when it crosses models (relation-model-get). */
  remoteModelUuid(relationId: number): string | undefined {
    const paired = this.remoteRelations().find((r) => r.relationId === relationId);
    return paired && this.findRemote(paired.remoteApplication)?.sourceModelUuid;
  }

  /** `remove-saas`: its relations die (each side departs and breaks) and it goes. */
  removeRemote(name: string): void {
    if (!this.findRemote(name)?.url) throw new NotFoundError(`saas application "${name}"`);
    for (const relation of this.relations.of(name)) {
      if (relation.life === 'alive') this.life.destroyRelation(relation.id);
    }
    this.store.db.prepare('DELETE FROM remote_applications WHERE name = ?').run(name);
    this.store.changed();
  }

  /** Consuming proxies that no relation uses any more go, as Juju removes them. */
  removeUnusedProxies(): void {
    for (const proxy of this.remotes().filter((r) => r.consumerProxy)) {
      if (this.relations.of(proxy.name).length === 0) this.store.db.prepare('DELETE FROM remote_applications WHERE name = ?').run(proxy.name);
    }
  }

  /** Names the relation, which has the remote application on its other side, by the token both models know it by. */
  pair(relationId: number, token: string, remote: RemoteApplicationRecord): void {
    this.store.db
      .prepare('INSERT INTO remote_relations (relation_id, token, remote_application, source_model) VALUES (?, ?, ?, ?)')
      .run(relationId, token, remote.name, remote.sourceModel);
  }

  /** This model's cross-model relations: their tokens, remote applications and the model on the other side. */
  remoteRelations(): Array<{ relationId: number; token: string; remoteApplication: string; sourceModel: string }> {
    return (
      this.store.db.prepare('SELECT * FROM remote_relations ORDER BY relation_id').all() as Array<{
        relation_id: number;
        token: string;
        remote_application: string;
        source_model: string;
      }>
    ).map((r) => ({ relationId: r.relation_id, token: r.token, remoteApplication: r.remote_application, sourceModel: r.source_model }));
  }

  /** Whether the relation has a token yet: a consumer's new relation has none until its offerer has it too. */
  isPaired(relationId: number): boolean {
    return this.remoteRelations().some((r) => r.relationId === relationId);
  }

  /** This side of the relation, for the other model; undefined once the relation is gone here (its token goes with it). */
  relationChange(token: string): RelationChange | undefined {
    const paired = this.remoteRelations().find((r) => r.token === token);
    if (!paired) return undefined;
    if (!this.relations.exists(paired.relationId)) {
      this.store.db.prepare('DELETE FROM remote_relations WHERE token = ?').run(token);
      return undefined;
    }
    const relation = this.relations.get(paired.relationId);
    const local = relation.endpoints.find((e) => e.application !== paired.remoteApplication)!;
    const units: RelationChange['units'] = {};
    for (const unit of this.relations.scope(relation.id)) {
      const [app, number] = unit.split('/');
      if (app === local.application) units[Number(number)] = this.settings.unitDatabag(relation.id, unit).data;
    }
    return {
      life: relation.life === 'alive' ? 'alive' : 'dying',
      units,
      applicationSettings: this.settings.applicationDatabag(relation.id, local.application).data,
    };
  }

  /**
   * The other side's change, applied to this side as its remote application's units (Juju's
   * PublishRelationChanges): units that entered scope there enter it here with their databags,
   * those that left leave, the application databag follows, and a relation dying there dies
   * here. Undefined: the relation is gone there. Only a real change wakes this model's agents.
   */
  publishChange(token: string, change: RelationChange | undefined): void {
    const paired = this.remoteRelations().find((r) => r.token === token);
    if (!paired || !this.relations.exists(paired.relationId)) return;
    const { relationId, remoteApplication } = paired;
    const relation = this.relations.get(relationId);
    const wanted = change ?? { life: 'dying', units: {}, applicationSettings: {} };
    const { db } = this.store;
    let changed = false;
    const leaving: string[] = [];
    db.transaction(() => {
      const inScope = this.relations.scope(relationId).filter((u) => u.split('/')[0] === remoteApplication);
      for (const [number, data] of Object.entries(wanted.units)) {
        const unit = `${remoteApplication}/${number}`;
        if (!inScope.includes(unit)) {
          if (relation.life !== 'alive') continue;
          db.prepare('INSERT INTO relation_scopes (relation_id, unit) VALUES (?, ?)').run(relationId, unit);
          changed = true;
        }
        const stored = this.settings.unitDatabag(relationId, unit).data;
        if (this.settings.apply(relationId, unit, 'unit', replacing(stored, data)) !== null) changed = true;
      }
      leaving.push(...inScope.filter((u) => !(u.split('/')[1] in wanted.units)));
      const stored = this.settings.applicationDatabag(relationId, remoteApplication).data;
      if (this.settings.apply(relationId, remoteApplication, 'application', replacing(stored, wanted.applicationSettings)) !== null) changed = true;
    })();
    if (changed) this.store.changed();
    for (const unit of leaving) this.life.leaveScope(relationId, unit);
    if (wanted.life !== 'alive' && relation.life === 'alive' && this.relations.exists(relationId)) this.life.destroyRelation(relationId);
  }
}
