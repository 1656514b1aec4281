// Juju's remote relations worker, between the models of one daemon: it carries each cross-model
// relation's changes from one model's controller to the other's, so that each model keeps its
// own database, its own relation ids and its own unit agents. A consuming model's new relation
// with a consumed offer gets its twin in the offering model (with the consuming application's
// proxy, `remote-<token>`, on the other side) and a token naming both; from then on each side's
// units in scope, their databags and its application databag are published to the other as the
// remote application's (RemoteApplications.relationChange and publishChange), and a relation
// dying or gone on one side dies on the other. Any change in any model wakes it; a publish that
// really changes a model wakes that model's agents through its controller.
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Controller } from './controller/controller.js';
import type { RelationRecord } from './controller/records.js';
import type { RemoteApplicationRecord } from './controller/remote-applications.js';

/** The offer named by a consumed URL, `admin/<model>.<offer>`. */
export function offerName(url: string): string {
  return url.slice(url.lastIndexOf('.') + 1);
}

/**
 * The offering model's name for a consuming application: Juju names its proxy after the
 * consuming application's token, `remote-` and 32 hex digits; juju-sim's token is derived from
 * the consuming model's UUID and the application, so that it is the same for each relation.
 */
export function consumerProxyName(modelUuid: string, application: string): string {
  return `remote-${createHash('sha256').update(`${modelUuid}/${application}`).digest('hex').slice(0, 32)}`;
}

export class RemoteRelationsWorker {
  private scheduled = false;
  private stopped = false;

  /** controllers: every model's controller by model name, at the time of asking. */
  constructor(
    private readonly controllers: () => Map<string, Controller>,
    private readonly logger: Logger,
  ) {}

  /** Something changed in a model: publish what needs publishing, once the change is done. */
  wake(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.guarded('cannot look at the models', () => this.sync());
    });
  }

  /** One relation's step; what fails is logged and tried again on the next change, and never stops the daemon or the other relations. */
  private guarded(what: string, step: () => void): void {
    try {
      step();
    } catch (err) {
      this.logger.error({ err }, `remote relations: ${what}`);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private sync(): void {
    const controllers = this.controllers();
    for (const controller of controllers.values()) {
      for (const relation of controller.relations.all()) {
        if (relation.life !== 'alive' || controller.remoteApplications.isPaired(relation.id)) continue;
        const remote = relation.endpoints
          .map((e) => controller.remoteApplications.findRemote(e.application))
          .find((r) => r !== undefined && !r.consumerProxy);
        const offering = remote && controllers.get(remote.sourceModel);
        if (remote && offering) this.guarded(`cannot connect relation ${relation.key}`, () => connect(controller, relation, remote, offering));
      }
    }
    for (const [name, controller] of controllers) {
      for (const { token, sourceModel } of controller.remoteApplications.remoteRelations()) {
        const other = controllers.get(sourceModel);
        // A model that is gone takes its side of the relation with it.
        this.guarded(`cannot publish relation ${token} to ${name}`, () => {
          const change = other && other !== controllers.get(name) ? other.remoteApplications.relationChange(token) : undefined;
          controller.remoteApplications.publishChange(token, change);
        });
      }
      this.guarded(`cannot remove the unused proxies of ${name}`, () => controller.remoteApplications.removeUnusedProxies());
    }
  }
}

/**
 * The offering model's side of a consumer's new relation: the consuming application's proxy,
 * related with the offered application's endpoint, and one token for both. A removed offer
 * leaves the relation unconnected, as Juju's would be.
 */
function connect(consumer: Controller, relation: RelationRecord, remote: RemoteApplicationRecord, offering: Controller): void {
  const offer = offering.remoteApplications.findOffer(offerName(remote.url));
  const remoteEnd = relation.endpoints.find((e) => e.application === remote.name)!;
  const localEnd = relation.endpoints.find((e) => e !== remoteEnd)!;
  if (!offer || !offer.endpoints.some((e) => e.name === remoteEnd.endpoint)) return;
  const localEndpoint = consumer.applications.get(localEnd.application).meta.endpoints.find((e) => e.name === localEnd.endpoint)!;
  const proxy = offering.remoteApplications.addRemote({
    name: consumerProxyName(consumer.model().uuid, localEnd.application),
    url: '',
    sourceModel: consumer.model().name,
    sourceModelUuid: consumer.model().uuid,
    endpoints: [localEndpoint],
    consumerProxy: true,
  });
  const twin = offering.relations.add(
    [
      { application: offer.application, endpoint: remoteEnd.endpoint, role: remoteEnd.role },
      { application: proxy.name, endpoint: localEnd.endpoint, role: localEnd.role },
    ],
    { interface: relation.interface, scope: 'global' },
  );
  const token = randomUUID();
  offering.remoteApplications.pair(twin.id, token, proxy);
  consumer.remoteApplications.pair(relation.id, token, remote);
}
