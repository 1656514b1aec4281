// Juju's bundle format (github.com/juju/charm bundledata.go), as far as a model of local charms
// on one machine can honour it: applications with a local charm path, num_units and options,
// and relations as endpoint pairs. Keys that only make sense with machines, clouds or
// Charmhub are accepted with a warning saying what juju-sim does instead; anything else that
// juju-sim cannot do is refused before anything is deployed, every problem named at once.
// The same document goes both ways: `deploy` reads it, `export-bundle` writes it.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { isValidApplication } from './names.js';
import { JujuSimError } from './errors.js';

/** An option value as a bundle holds it: YAML's own type, checked against the charm's later. */
export type OptionValue = string | number | boolean;

export interface BundleApplication {
  name: string;
  /** A local charm: a path, absolute or relative to the bundle's directory, or `local:<name>`. */
  charm: string;
  numUnits: number;
  options: Record<string, OptionValue>;
}

export interface Bundle {
  /** By name. */
  applications: BundleApplication[];
  /** Endpoint pairs: `app:endpoint`, or `app` to let the endpoints be inferred. */
  relations: Array<[string, string]>;
}

export interface ParsedBundle {
  bundle: Bundle;
  /** What juju-sim ignores, and why. */
  warnings: string[];
}

/** Top-level keys that change nothing here: descriptions, and bases for Charmhub charms. */
const acceptedBundleKeys = new Set(['applications', 'relations', 'series', 'default-base', 'description', 'name', 'tags', 'docs', 'issues', 'source', 'website']);

/** Application keys that change nothing for a local charm on this machine. */
const acceptedApplicationKeys = new Set(['charm', 'num_units', 'scale', 'options', 'series', 'base', 'channel', 'revision', 'annotations']);

/** Application keys juju-sim cannot honour, and what it does instead. */
const ignoredApplicationKeys: Record<string, string> = {
  constraints: 'juju-sim has no machines to constrain',
  to: 'every juju-sim unit gets a machine of its own',
  expose: "every unit's address is reachable from this machine",
  'exposed-endpoints': "every unit's address is reachable from this machine",
  trust: 'juju-sim has no cloud credential to trust it with',
  bindings: "juju-sim binds every endpoint to the unit's one address",
  storage: 'storage is not implemented in juju-sim',
  devices: 'juju-sim has no devices',
  resources: 'resources are not implemented in juju-sim',
  offers: 'cross-model relations are not implemented in juju-sim',
  plan: 'plans belong to Charmhub',
};

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a key says anything: `expose: false` or `to: []` asks for nothing to be ignored. */
const isSet = (value: unknown): boolean =>
  value !== null && value !== undefined && value !== false && value !== '' &&
  !(Array.isArray(value) && value.length === 0) && !(isMap(value) && Object.keys(value).length === 0);

/** Go's %q of a string list, as Juju's messages print a relation: `["a:db" "b"]`. */
const quoteList = (items: unknown[]): string => `[${items.map((i) => JSON.stringify(String(i))).join(' ')}]`;

/** Whether a bundle's charm is a local one, as Juju's bundle handler decides. */
export const isLocalCharm = (charm: string): boolean => charm.startsWith('.') || isAbsolute(charm) || charm.startsWith('local:');

/**
 * Where a local charm is: a path relative to the bundle's directory, or `local:[series/]name[-rev]`,
 * which Juju looks for by name in that directory.
 */
export function localCharmPath(charm: string, bundleDir: string): string {
  if (!charm.startsWith('local:')) return resolve(bundleDir, charm);
  return resolve(bundleDir, charm.slice('local:'.length).replace(/^.*\//, '').replace(/-\d+$/, ''));
}

/** A charm path as a bundle in `dir` should name it: relative, and starting with `.` so that it reads as local. */
export function charmPathFrom(dir: string, path: string): string {
  const rel = relative(dir, path);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? rel : `.${sep}${rel}`;
}

function parseApplication(name: string, spec: unknown, errors: string[], warnings: string[]): BundleApplication | undefined {
  if (!isValidApplication(name)) errors.push(`invalid application name "${name}"`);
  if (!isMap(spec)) {
    errors.push(spec === null || spec === undefined ? `bundle application for key "${name}" is undefined` : `application "${name}" must be a map`);
    return undefined;
  }
  for (const [key, value] of Object.entries(spec)) {
    if (key in ignoredApplicationKeys) {
      if (isSet(value)) warnings.push(`application "${name}": ${key} ignored: ${ignoredApplicationKeys[key]}`);
    } else if (!acceptedApplicationKeys.has(key)) {
      errors.push(`application "${name}" has an unknown key "${key}"`);
    }
  }
  const { charm, num_units: numUnits, scale, options = {} } = spec;
  if (typeof charm !== 'string' || charm === '') {
    errors.push(`application "${name}" has no charm`);
  } else if (!isLocalCharm(charm)) {
    errors.push(`application "${name}": charm "${charm}" is not a local path (./, ../ or /): juju-sim cannot deploy charms from Charmhub`);
  }
  if (numUnits !== undefined && scale !== undefined) errors.push(`cannot specify both scale and num_units for application "${name}"`);
  const units = numUnits ?? scale ?? 0;
  if (!Number.isSafeInteger(units) || (units as number) < 0) errors.push(`application "${name}": num_units must be a whole number, 0 or more`);
  const values: Record<string, OptionValue> = {};
  if (!isMap(options)) {
    errors.push(`application "${name}": options must be a map`);
  } else {
    for (const [option, value] of Object.entries(options)) {
      // A null value sets nothing: the option keeps its default.
      if (value === null) continue;
      if (['string', 'number', 'boolean'].includes(typeof value)) values[option] = value as OptionValue;
      else errors.push(`application "${name}": option "${option}" must be a string, a number or a boolean`);
    }
  }
  return { name, charm: charm as string, numUnits: units as number, options: values };
}

function parseRelations(relations: unknown, applications: Set<string>, errors: string[]): Array<[string, string]> {
  if (relations === undefined || relations === null) return [];
  if (!Array.isArray(relations)) {
    errors.push('relations must be a list of endpoint pairs');
    return [];
  }
  const parsed: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const pair of relations) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      errors.push(Array.isArray(pair) ? `relation ${quoteList(pair)} has ${pair.length} endpoint(s), not 2` : `relation ${JSON.stringify(pair)} is not an endpoint pair`);
      continue;
    }
    const shown = quoteList(pair);
    let valid = true;
    for (const endpoint of pair) {
      const [app, name, ...rest] = typeof endpoint === 'string' ? endpoint.split(':') : [];
      if (!isValidApplication(app ?? '') || name === '' || rest.length > 0) {
        errors.push(`invalid relation syntax ${JSON.stringify(String(endpoint))}`);
        valid = false;
      } else if (!applications.has(app)) {
        errors.push(`relation ${shown} refers to application "${app}" not defined in this bundle`);
        valid = false;
      }
    }
    if (!valid) continue;
    const [first, second] = pair as [string, string];
    if (first.split(':')[0] === second.split(':')[0]) errors.push(`relation ${shown} relates an application to itself`);
    const key = [first, second].sort().join(' ');
    if (seen.has(key)) errors.push(`relation ${shown} is defined more than once`);
    seen.add(key);
    parsed.push([first, second]);
  }
  return parsed;
}

/** Checks a bundle document; every problem is in the one error it throws. */
export function parseBundle(doc: unknown): ParsedBundle {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isMap(doc)) throw new JujuSimError('invalid bundle: expected a map with "applications"');
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'machines') {
      if (isSet(value)) warnings.push('machines ignored: every juju-sim unit gets a machine of its own');
    } else if (key === 'saas') {
      if (isSet(value)) errors.push('saas: cross-model relations are not implemented in juju-sim');
    } else if (key === 'bundle') {
      errors.push(value === 'kubernetes' ? 'Kubernetes bundles are not supported: juju-sim runs machine charms' : `bundle has an invalid type ${JSON.stringify(value)}`);
    } else if (!acceptedBundleKeys.has(key)) {
      errors.push(`bundle has an unknown key "${key}"`);
    }
  }
  const applications: BundleApplication[] = [];
  if (!isMap(doc.applications) || Object.keys(doc.applications).length === 0) {
    errors.push('at least one application must be specified');
  } else {
    for (const [name, spec] of Object.entries(doc.applications).sort(([a], [b]) => a.localeCompare(b))) {
      const app = parseApplication(name, spec, errors, warnings);
      if (app) applications.push(app);
    }
  }
  const names = new Set(isMap(doc.applications) ? Object.keys(doc.applications) : []);
  const relations = parseRelations(doc.relations, names, errors);
  if (errors.length === 1) throw new JujuSimError(`invalid bundle: ${errors[0]}`);
  if (errors.length > 1) throw new JujuSimError(`invalid bundle:\n  ${errors.join('\n  ')}`);
  return { bundle: { applications, relations }, warnings };
}

/** Reads a bundle file's text: one YAML document (juju-sim takes no overlays). */
export function parseBundleYaml(text: string): ParsedBundle {
  const documents = parseAllDocuments(text);
  const error = documents.flatMap((d) => d.errors)[0];
  if (error) throw new JujuSimError(`cannot parse bundle: ${error.message}`);
  if (documents.length > 1) throw new JujuSimError('cannot deploy bundle: overlays (more than one YAML document) are not supported by juju-sim');
  return parseBundle(documents[0]?.toJS());
}

/** The bundle as Juju writes one: num_units only when there are units, options only when set. */
export function bundleDocument(bundle: Bundle): Record<string, unknown> {
  const applications = Object.fromEntries(
    bundle.applications.map((app) => [
      app.name,
      {
        charm: app.charm,
        ...(app.numUnits > 0 ? { num_units: app.numUnits } : {}),
        ...(Object.keys(app.options).length > 0 ? { options: app.options } : {}),
      },
    ]),
  );
  return { applications, ...(bundle.relations.length > 0 ? { relations: bundle.relations } : {}) };
}

export const bundleYaml = (bundle: Bundle): string => stringify(bundleDocument(bundle));
