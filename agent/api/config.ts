// `config`: an application's settings as `juju config` shows them, or changed (set and reset
// together, one config-changed).
import { describeSettings, parseSettings } from '../charm/config.js';
import type { Params, Result } from '../control/protocol.js';
import type { Controller } from '../controller/controller.js';
import { JujuSimError } from '../../core/errors.js';

export function configure(controller: Controller, params: Params<'config'>): Result<'config'> {
  const app = controller.applications.get(params.application);
  const set = parseSettings(app.meta.options, params.set ?? {});
  const reset = params.reset ?? [];
  for (const name of reset) if (!(name in app.meta.options)) throw new JujuSimError(`unknown option "${name}"`);
  if (Object.keys(set).length > 0 || reset.length > 0) {
    controller.applications.updateConfig(app.name, { ...Object.fromEntries(reset.map((k) => [k, null])), ...set });
    return null;
  }
  return { application: app.name, charm: app.charmName, settings: describeSettings(app.meta.options, app.config) };
}
