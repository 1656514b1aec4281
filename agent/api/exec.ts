// `exec`: a command run in a hook-like context of a unit, as `juju exec` runs one. With a
// relation, the context is that relation's, its remote application inferred from the remote
// unit or the relation.
import { relationIdOf, relationSides } from '../controller/endpoints.js';
import type { Params, Result } from '../control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import type { Model } from '../model.js';

export async function execCommand(model: Model, params: Params<'exec'>): Promise<Result<'exec'>> {
  const controller = model.controller;
  const unit = controller.units.get(params.unit);
  let relationId: number | undefined;
  let remoteApp = params.remoteApp;
  if (params.relation !== undefined) {
    relationId = relationIdOf(params.relation);
    const relation = controller.relations.of(unit.application).find((r) => r.id === relationId);
    if (!relation) throw new JujuSimError(`relation "${params.relation}" not found for unit "${unit.name}"`);
    remoteApp ??= params.remoteUnit?.split('/')[0] ?? relationSides(relation, unit.application).remote.application;
  }
  const result = model.uniter(unit.name).exec({ command: params.command, relationId, remoteUnit: params.remoteUnit, remoteApp });
  model.scheduler.wake();
  return { id: String(controller.actions.execTaskId()), unit: unit.name, ...(await result) };
}
