// `show-unit` in Juju 3.6's shape (juju-cli.md §3.3): one unit's view of its relations. The
// `application-data` of each relation is the *remote* application's bag (for a peer relation,
// its own application's), and `related-units` are the other side's units in scope.
import { formatPortRange } from '../../core/ports.js';
import { charmURL } from '../controller/applications.js';
import type { Controller } from '../controller/controller.js';
import { relationSides } from '../controller/endpoints.js';
import type { Params } from '../control/protocol.js';

export function showUnits(controller: Controller, request: Params<'show-unit'>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of request.units) {
    const unit = controller.units.get(name);
    const app = controller.applications.get(unit.application);
    const relationInfo = [];
    for (const relation of controller.relations.of(app.name)) {
      const { local, remote } = relationSides(relation, app.name);
      if (request.endpoint !== undefined && local.endpoint !== request.endpoint) continue;
      const scope = controller.relations.scope(relation.id);
      const related = scope.filter((u) => u !== name && u.split('/')[0] === remote.application);
      if (request.relatedUnit !== undefined && !related.includes(request.relatedUnit)) continue;
      const inScope = (u: string): { 'in-scope': boolean; data: Record<string, string> } => ({
        'in-scope': true,
        data: controller.settings.unitDatabag(relation.id, u).data,
      });
      relationInfo.push({
        'relation-id': relation.id,
        endpoint: local.endpoint,
        'related-endpoint': remote.endpoint,
        'application-data': controller.settings.applicationDatabag(relation.id, remote.application).data,
        // Juju's RelationData.MyData is a struct: encoding/json prints it even when zero (for a
        // unit not among the remote side's units, as in any non-peer relation); yaml.v2 leaves a
        // zero one out, which the yaml output does. related-units is an omitempty map.
        'local-unit': local.role === 'peer' && scope.includes(name) ? inScope(name) : { 'in-scope': false, data: null },
        ...(related.length ? { 'related-units': Object.fromEntries(related.map((u) => [u, inScope(u)])) } : {}),
      });
    }
    const ports = controller.units.openedPorts(name).map((p) => formatPortRange(p));
    shown[name] = {
      ...(unit.workloadVersion ? { 'workload-version': unit.workloadVersion } : {}),
      machine: unit.machine,
      'opened-ports': ports.length ? [...new Set(ports)] : null,
      'public-address': unit.address,
      charm: charmURL(app),
      leader: app.leader === name,
      life: unit.life,
      ...(relationInfo.length ? { 'relation-info': relationInfo } : {}),
    };
  }
  return shown;
}
