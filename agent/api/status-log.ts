// `show-status-log`: an entity's past statuses, as Juju's Client.StatusHistory answers them. A
// unit's (`unit`: workload and agent together, `workload`, `juju-unit`) and an application's are
// kept; juju-sim has no machines, containers, SAAS or model status history.
import { JujuSimError, entityNotFound } from '../../core/errors.js';
import type { Controller } from '../controller/controller.js';
import type { PastStatus, StatusHistoryFilter, StatusKind } from '../controller/status-history.js';

const kinds: Record<string, StatusKind[]> = {
  unit: ['workload', 'juju-unit'],
  workload: ['workload'],
  'juju-unit': ['juju-unit'],
  application: ['application'],
};

export function statusLog(controller: Controller, p: { kind: string; entity: string } & StatusHistoryFilter): PastStatus[] {
  const wanted = kinds[p.kind];
  if (!wanted) throw new JujuSimError(`status history of type "${p.kind}" is not implemented in juju-sim`);
  const isUnit = p.kind !== 'application';
  const tag = isUnit ? `unit-${p.entity.replace('/', '-')}` : `application-${p.entity}`;
  const exists = isUnit ? controller.units.all().some((u) => u.name === p.entity) : controller.applications.has(p.entity);
  if (!exists) throw new JujuSimError(`fetching status history for "${tag}": ${entityNotFound(isUnit ? 'unit' : 'application', p.entity).message}`);
  return controller.statusHistory.of(p.entity, wanted, p);
}
