// `show`: relations' databags, both sides, as the controller holds them, each endpoint with its
// application's leader. This is the stable shape scripts read (`show --format json`): every key,
// Juju's own included; the human rendering (cmd/commands/show.ts) chooses what to hide. With
// `at`, the model as it was after that hook run, from its timeline (controller/timeline.ts).
import { entityNotFound } from '../../core/errors.js';
import type { Controller } from '../controller/controller.js';
import type { RelationRecord } from '../controller/records.js';
import type { ModelSnapshot } from '../controller/timeline.js';

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
function matches(relation: Pick<RelationRecord, 'endpoints'>, wanted: string[]): boolean {
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

/** What `show` reads of a model: the controller's now, or a snapshot of its timeline. */
interface ShownModel {
  relations(): Array<Pick<RelationRecord, 'id' | 'interface' | 'endpoints'>>;
  scope(relationId: number): string[];
  databag(relationId: number, holder: string): Record<string, string>;
  /** The application's leader; null while it has none, and for a remote application (the other model's business). */
  leader(application: string): string | null;
  /** Whether the filter may name the application: one of the model's, or a remote one. */
  knows(application: string): boolean;
}

const live = (controller: Controller): ShownModel => ({
  relations: () => controller.relations.all(),
  scope: (id) => controller.relations.scope(id),
  databag: (id, holder) => (holder.includes('/') ? controller.settings.unitDatabag(id, holder) : controller.settings.applicationDatabag(id, holder)).data,
  leader: (application) => (controller.applications.has(application) ? controller.applications.get(application).leader : null),
  knows: (application) => controller.applications.has(application) || controller.remoteApplications.findRemote(application) !== undefined,
});

/** The model as the snapshot has it; an application it lacks may be named if it is one now (a remote one, say). */
const past = (snapshot: ModelSnapshot, controller: Controller): ShownModel => ({
  relations: () => [...snapshot.relations.values()],
  scope: (id) => snapshot.relations.get(id)!.scope,
  databag: (id, holder) => snapshot.relations.get(id)!.databags.get(holder) ?? {},
  leader: (application) => snapshot.applications.get(application)?.leader ?? null,
  knows: (application) =>
    snapshot.applications.has(application) ||
    [...snapshot.relations.values()].some((r) => r.endpoints.some((e) => e.application === application)) ||
    live(controller).knows(application),
});

/** The model's relations as `show` prints them; as they were once hook run `at` ended, when given. */
export function showRelations(controller: Controller, filter: ShowFilter & { at?: number } = {}): { relations: ShownRelation[] } {
  return shown(filter.at === undefined ? live(controller) : past(controller.timeline.afterRun(filter.at), controller), filter);
}

function shown(model: ShownModel, filter: ShowFilter): { relations: ShownRelation[] } {
  const wanted = filter.endpoints ?? [];
  for (const w of wanted) {
    const application = w.split(':')[0];
    if (!model.knows(application)) throw entityNotFound('application', application);
  }
  const all = model.relations();
  if (filter.relation !== undefined && !all.some((r) => r.id === filter.relation)) throw entityNotFound('relation', String(filter.relation));
  const relations = all
    .filter((r) => (filter.relation === undefined || r.id === filter.relation) && matches(r, wanted))
    .map((relation) => {
      const scope = model.scope(relation.id);
      const endpoints = [...relation.endpoints]
        .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
        .map((e) => ({
          application: e.application,
          endpoint: e.endpoint,
          role: e.role,
          leader: model.leader(e.application),
          'application-data': model.databag(relation.id, e.application),
          'units-data': Object.fromEntries(scope.filter((u) => u.split('/')[0] === e.application).map((u) => [u, model.databag(relation.id, u)])),
        }));
      return { id: relation.id, interface: relation.interface, endpoints };
    });
  return { relations };
}
