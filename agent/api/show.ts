// `show`: every relation's databags, both sides, as the controller holds them. This is the
// stable shape scripts read (`show --format json`).
import type { Controller } from '../controller/controller.js';

export interface ShownEndpoint {
  application: string;
  endpoint: string;
  role: string;
  'application-data': Record<string, string>;
  'units-data': Record<string, Record<string, string>>;
}

export interface ShownRelation {
  id: number;
  interface: string;
  endpoints: ShownEndpoint[];
}

const roleOrder: Record<string, number> = { provider: 0, requirer: 1, peer: 2 };

export function showRelations(controller: Controller): { relations: ShownRelation[] } {
  const relations = controller.relations.all().map((relation) => {
    const scope = controller.relations.scope(relation.id);
    const endpoints = [...relation.endpoints]
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
      .map((e) => ({
        application: e.application,
        endpoint: e.endpoint,
        role: e.role,
        'application-data': controller.settings.applicationDatabag(relation.id, e.application).data,
        'units-data': Object.fromEntries(
          scope.filter((u) => u.split('/')[0] === e.application).map((u) => [u, controller.settings.unitDatabag(relation.id, u).data]),
        ),
      }));
    return { id: relation.id, interface: relation.interface, endpoints };
  });
  return { relations };
}
