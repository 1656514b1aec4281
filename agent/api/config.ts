// `config`: an application's settings as `juju config` shows them, or changed (set and reset
// together, one config-changed).
import { describeSettings, parseSettings } from '../charm/config.js';
import type { Params, Result } from '../control/protocol.js';
import type { Controller } from '../controller/controller.js';
import type { ApplicationRecord } from '../controller/records.js';
import { JujuSimError } from '../../core/errors.js';
import { goQuote } from '../../core/gnuflag.js';
import type { ConfigOption, ConfigValue } from '../../core/hook-context.js';
import { parseSecretURI } from '../../core/secret-uri.js';

export function configure(controller: Controller, params: Params<'config'>): Result<'config'> {
  const app = controller.applications.get(params.application);
  const set = params.set ?? {};
  const reset = params.reset ?? [];
  if (Object.keys(set).length === 0 && reset.length === 0) {
    return { application: app.name, 'application-config': applicationConfig(app), charm: app.charmName, settings: describeSettings(app.meta.options, app.config) };
  }
  // Juju resets (UnsetApplicationsConfig) before it sets (SetConfigs), each call failing on its own.
  for (const name of reset) {
    if (!Object.hasOwn(app.meta.options, name)) throw new JujuSimError(`updating application charm settings: unknown option "${name}"`);
  }
  let values: Record<string, ConfigValue>;
  try {
    values = parseCharmSettings(app.meta.options, set);
    checkSecretURIs(app.meta.options, values);
  } catch (err) {
    if (reset.length > 0) controller.applications.updateConfig(app.name, Object.fromEntries(reset.map((k) => [k, null])));
    throw err;
  }
  controller.applications.updateConfig(app.name, { ...Object.fromEntries(reset.map((k) => [k, null])), ...values });
  return null;
}

/** ParseSettingsStrings, its errors as the facade's setConfig annotates them. */
function parseCharmSettings(options: Record<string, ConfigOption>, set: Record<string, string>): Record<string, ConfigValue> {
  try {
    return parseSettings(options, set);
  } catch (err) {
    if (err instanceof JujuSimError) throw new JujuSimError(`parsing settings for application: ${err.message}`);
    throw err;
  }
}

/**
 * A secret option takes a secret URI: the application facade parses it (validateSecretConfig),
 * then the charm's option checker wants its `secret:` scheme written out.
 */
function checkSecretURIs(options: Record<string, ConfigOption>, values: Record<string, ConfigValue>): void {
  for (const [name, value] of Object.entries(values)) {
    if (options[name].type !== 'secret' || value === '') continue;
    try {
      parseSecretURI(String(value));
    } catch (err) {
      throw new JujuSimError(`parsing settings for application: invalid secret URI for option "${name}": ${(err as Error).message}`);
    }
    if (!/^secret:/i.test(String(value))) {
      throw new JujuSimError(`updating charm config settings: option "${name}" expected secret, got ${goQuote(String(value))}`);
    }
  }
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
