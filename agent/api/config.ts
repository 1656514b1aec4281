// `config`: an application's settings as `juju config` shows them, or changed (set and reset
// together, one config-changed).
import { describeSettings, parseSettings } from '../charm/config.js';
import type { Params, Result } from '../control/protocol.js';
import type { Controller } from '../controller/controller.js';
import type { ApplicationRecord } from '../controller/records.js';
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
  return { application: app.name, 'application-config': applicationConfig(app), charm: app.charmName, settings: describeSettings(app.meta.options, app.config) };
}

/**
 * The settings Juju keeps for every application beside its charm's (the application facade's
 * describeAppConfig): of them juju-sim has `trust`, each key in Go's order (sorted).
 */
function applicationConfig(app: ApplicationRecord): Record<string, unknown> {
  return {
    trust: {
      default: false,
      description: 'Does this application have access to trusted credentials',
      source: app.trust ? 'user' : 'default',
      type: 'bool',
      value: app.trust,
    },
  };
}
