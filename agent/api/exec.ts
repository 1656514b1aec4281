// `exec`: a command run in a hook-like context of a unit, as `juju-exec` runs one on a unit's
// machine. First juju-exec's own checks of the relation flags (cmd/jujud/run/run.go), then the
// unit agent settles the relation and the remote unit (context-factory.ts inferRemoteUnit).
import type { Params, Result } from '../control/protocol.js';
import { relationIdOf } from '../controller/endpoints.js';
import { JujuSimError } from '../../core/errors.js';
import type { Model } from '../model.js';

export async function execCommand(model: Model, params: Params<'exec'>): Promise<Result<'exec'>> {
  // `<application>/leader` names its leader, as for `run`.
  const unit = model.controller.actions.receiverUnit(params.unit);
  const relationId = params.relation === undefined ? undefined : relationIdOf(params.relation);
  if (relationId === undefined) {
    if (params.remoteUnit !== undefined) throw new JujuSimError(`remote unit: ${params.remoteUnit}, provided without a relation`);
    if (params.remoteApp !== undefined) throw new JujuSimError(`remote app: ${params.remoteApp}, provided without a relation`);
  }
  const { command, remoteUnit, remoteApp, forceRemoteUnit } = params;
  const result = model.uniter(unit.name).exec({ command, relationId, remoteUnit, remoteApp, forceRemoteUnit });
  model.scheduler.wake();
  return { id: String(model.controller.actions.execTaskId()), unit: unit.name, ...(await result) };
}
