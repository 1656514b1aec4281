// `show`: relations' databags, both sides, as the controller holds them, each endpoint with its
// application's leader. This is the stable shape scripts read (`show --format json`): every key,
// Juju's own included; the human rendering (cmd/commands/show.ts) chooses what to hide.
import { entityNotFound } from '../../core/errors.js';
import type { Controller } from '../controller/controller.js';
import type { RelationRecord } from '../controller/records.js';

export interface ShownEndpoint {
  application: string;
  endpoint: string;
  role: string;
  /** The application's leader, null while it has none (and for a remote application). */
  leader: string | null;
  'application-data': Record<string, string>;
  'units-data': Record<string, Record<string, string>>;
}

export interface ShownRelation {
  id: number;
  interface: string;
  endpoints: ShownEndpoint[];
}

/** Which relations to show: those with an endpoint matching each `APP[:ENDPOINT]`, or one id. */
export interface ShowFilter {
  endpoints?: string[];
  relation?: number;
}

const roleOrder: Record<string, number> = { provider: 0, requirer: 1, peer: 2 };

/** Whether each `APP[:ENDPOINT]` matches an endpoint of the relation, a different one for each. */
function matches(relation: RelationRecord, wanted: string[]): boolean {
  const free = [...relation.endpoints];
  return wanted.every((w) => {
    const [application, endpoint] = w.split(':');
    const i = free.findIndex((e) => e.application === application && (endpoint === undefined || e.endpoint === endpoint));
    // A peer relation's one endpoint answers both names of `show app app`.
    if (i < 0) return free.length === 0 && relation.endpoints.some((e) => e.application === application);
    free.splice(i, 1);
    return true;
  });
}

export function showRelations(controller: Controller, filter: ShowFilter = {}): { relations: ShownRelation[] } {
  const wanted = filter.endpoints ?? [];
  for (const w of wanted) {
    const application = w.split(':')[0];
    const known = controller.applications.has(application) || controller.remoteApplications.findRemote(application) !== undefined;
    if (!known) throw entityNotFound('application', application);
  }
  if (filter.relation !== undefined && !controller.relations.exists(filter.relation)) throw entityNotFound('relation', String(filter.relation));
  const relations = controller.relations
    .all()
    .filter((r) => (filter.relation === undefined || r.id === filter.relation) && matches(r, wanted))
    .map((relation) => {
      const scope = controller.relations.scope(relation.id);
      const endpoints = [...relation.endpoints]
        .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
        .map((e) => ({
          application: e.application,
          endpoint: e.endpoint,
          role: e.role,
          // A remote application's leader is the other model's business.
          leader: controller.applications.has(e.application) ? controller.applications.get(e.application).leader : null,
          'application-data': controller.settings.applicationDatabag(relation.id, e.application).data,
          'units-data': Object.fromEntries(
            scope.filter((u) => u.split('/')[0] === e.application).map((u) => [u, controller.settings.unitDatabag(relation.id, u).data]),
          ),
        }));
      return { id: relation.id, interface: relation.interface, endpoints };
    });
  return { relations };
}
