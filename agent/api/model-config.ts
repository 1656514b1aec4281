// `model-config`: the model's settings as `juju model-config` shows them (every one, or one),
// or changed: resets, then sets, as Juju's command applies them.
import type { Params, Result } from '../control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import type { Model } from '../model.js';

export function modelConfig(model: Model, params: Params<'model-config'>): Result<'model-config'> {
  const set = params.set ?? {};
  const reset = params.reset ?? [];
  if (Object.keys(set).length > 0 || reset.length > 0) {
    model.updateModelConfig(set, reset);
    return null;
  }
  const values = model.controller.modelConfig.values();
  if (params.key === undefined) return values;
  if (!Object.hasOwn(values, params.key)) {
    throw new JujuSimError(`"${params.key}" is not a key of the currently targeted model: "${model.controller.model().name}"`);
  }
  return { [params.key]: values[params.key] };
}
