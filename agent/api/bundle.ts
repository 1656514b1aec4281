// `deploy <bundle>` and `export-bundle`. A bundle's applications and relations are all checked
// before any is created (a bundle that cannot be deployed whole deploys nothing), then created
// with the scheduler held, so that every unit sees the whole bundle before its install, as
// Juju's units do while their machines provision.
import { parseBundle, type Bundle, type OptionValue } from '../../core/bundle.js';
import { JujuSimError } from '../../core/errors.js';
import { parseValues } from '../charm/config.js';
import { readCharm, type CharmMeta } from '../charm/metadata.js';
import type { Params, Result } from '../control/protocol.js';
import type { Controller } from '../controller/controller.js';
import { inferEndpoints, type Inferred } from '../controller/endpoints.js';
import type { ApplicationRecord } from '../controller/records.js';
import { checkPrincipal, checkUnitCount, type CharmSource, type Model } from '../model.js';

interface PlannedApplication {
  name: string;
  charm: CharmSource;
  numUnits: number;
  config: ApplicationRecord['config'];
}

interface Plan {
  applications: PlannedApplication[];
  relations: Inferred[];
}

/** Everything the bundle will create, or one error naming every reason it cannot be. */
function plan(controller: Controller, bundle: Bundle, params: Params<'deploy-bundle'>): Plan {
  const errors: string[] = [];
  const metas = new Map<string, CharmMeta>();
  const applications: PlannedApplication[] = [];
  for (const app of bundle.applications) {
    const dir = params.charms[app.name];
    try {
      if (controller.applications.has(app.name)) throw new JujuSimError('application already exists');
      if (dir === undefined) throw new JujuSimError('its charm was not sent');
      checkUnitCount(app.numUnits, 0);
      const meta = readCharm(dir);
      checkPrincipal(meta);
      const config = parseValues(meta.options, app.options);
      metas.set(app.name, meta);
      applications.push({ name: app.name, charm: { dir, path: app.charm, unitVenv: params.unitVenvs?.[app.name] }, numUnits: app.numUnits, config });
    } catch (err) {
      errors.push(`cannot add application "${app.name}": ${(err as Error).message}`);
    }
  }
  const relations: Inferred[] = [];
  const seen = new Set<string>();
  for (const [first, second] of bundle.relations) {
    const [a, b] = [first, second].map((e) => e.split(':')[0]);
    if (!metas.has(a) || !metas.has(b)) continue;
    try {
      const inferred = inferEndpoints((name) => ({ name, meta: metas.get(name)! }), first, second);
      const key = inferred.endpoints.map((e) => `${e.application}:${e.endpoint}`).sort().join(' ');
      if (seen.has(key)) throw new JujuSimError(`relation "${key}" is defined more than once`);
      seen.add(key);
      relations.push(inferred);
    } catch (err) {
      errors.push(`cannot relate "${first}" and "${second}": ${(err as Error).message}`);
    }
  }
  if (errors.length === 1) throw new JujuSimError(`cannot deploy bundle: ${errors[0]}`);
  if (errors.length > 1) throw new JujuSimError(`cannot deploy bundle:\n  ${errors.join('\n  ')}`);
  return { applications, relations };
}

export function deployBundle(model: Model, params: Params<'deploy-bundle'>): Result<'deploy-bundle'> {
  const { applications, relations } = plan(model.controller, parseBundle(params.bundle).bundle, params);
  const release = model.scheduler.hold();
  try {
    return {
      applications: applications.map((app) => model.deploy(app.charm, app.name, app.numUnits, app.config)),
      relations: relations.map((inferred) => model.controller.relations.add(inferred.endpoints, inferred)),
    };
  } finally {
    release();
  }
}

/** The options the user set to something other than the charm's default. */
function setOptions(app: ApplicationRecord): Record<string, OptionValue> {
  const set = Object.entries(app.config).filter(([name, value]) => value !== null && value !== app.meta.options[name]?.default);
  return Object.fromEntries(set) as Record<string, OptionValue>;
}

/** The model as a bundle: each application's charm path as deployed, its units, its options; relations as endpoint pairs. */
export function exportBundle(controller: Controller): Bundle {
  const applications = controller.applications.all().filter((app) => app.life === 'alive');
  if (applications.length === 0) throw new JujuSimError('nothing to export as there are no applications');
  const pathless = applications.filter((app) => app.charmPath === null).map((app) => `"${app.name}"`);
  if (pathless.length > 0) {
    throw new JujuSimError(
      `cannot export ${pathless.join(', ')}: deployed before juju-sim kept the path of a charm; refresh --path to record it`,
    );
  }
  return {
    applications: applications.map((app) => ({
      name: app.name,
      charm: app.charmPath!,
      numUnits: controller.units.all(app.name).filter((unit) => unit.life === 'alive').length,
      options: setOptions(app),
    })),
    // Cross-model relations are not in the bundle: juju-sim's bundles have no `saas` or `offers`.
    relations: controller.relations
      .all()
      .filter((relation) => relation.life === 'alive' && relation.endpoints.length === 2 && relation.endpoints.every((e) => controller.applications.has(e.application)))
      .map((relation) => relation.endpoints.map((e) => `${e.application}:${e.endpoint}`) as [string, string]),
  };
}
