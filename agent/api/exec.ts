// `exec`: Juju's Run (apiserver/facades/client/action/run.go). The targets become units: an
// application's leader for `<application>/leader` and every unit of an application, or the call
// fails; then one juju-exec task per unit in one operation, as for `run`, a unit that is not
// there failing its task only. juju-sim's `exec -r` first has the unit agent settle the relation
// and the remote unit, as juju-exec asks its agent before it runs anything (cmd/jujud/run).
import type { Params } from '../control/protocol.js';
import { jujuExecAction } from '../controller/actions.js';
import { relationIdOf } from '../controller/endpoints.js';
import { enqueueOperation, type RunReply } from './actions.js';
import { JujuSimError } from '../../core/errors.js';
import { unitApplication } from '../../core/names.js';
import type { Model } from '../model.js';
import { jujuExecParams, type ExecRequest } from '../uniter/operation.js';

/** Juju's getAllUnitNames: each leader and each application's units, sorted, each once. */
function targetUnits(model: Model, units: string[], applications: string[]): string[] {
  const { controller } = model;
  const targets = new Set<string>();
  for (const unit of units) targets.add(unit.endsWith('leader') ? controller.actions.receiverUnit(unit).name : unit);
  for (const application of applications) {
    controller.applications.get(application);
    for (const unit of controller.units.all(application)) targets.add(unit.name);
  }
  const sorted = [...targets].sort();
  const invalid = sorted.find((unit) => unitApplication(unit) === undefined);
  if (invalid !== undefined) throw new JujuSimError(`invalid unit name "${invalid}"`);
  return sorted;
}

export function execCommand(model: Model, params: Params<'exec'>): RunReply {
  const relationId = params.relation === undefined ? undefined : relationIdOf(params.relation);
  if (relationId === undefined) {
    if (params.remoteUnit !== undefined) throw new JujuSimError(`remote unit: ${params.remoteUnit}, provided without a relation`);
    if (params.remoteApp !== undefined) throw new JujuSimError(`remote app: ${params.remoteApp}, provided without a relation`);
  }
  const { command, remoteUnit, remoteApp, forceRemoteUnit, timeoutMs } = params;
  const exec: ExecRequest = { command, relationId, remoteUnit, remoteApp, forceRemoteUnit, timeoutMs };
  const units = targetUnits(model, params.units, params.applications ?? []);
  for (const unit of units) if (model.controller.units.has(unit)) model.uniter(unit).execTarget(exec);
  return enqueueOperation(model.controller, units.map((receiver) => ({ receiver, name: jujuExecAction, params: jujuExecParams(exec) })));
}
