// What juju-sim reads of a charm: its metadata (endpoints, extra bindings), config options and actions, from
// the files a built charm carries (metadata.yaml, config.yaml, actions.yaml). Charm source trees
// with only a charmcraft.yaml are built into that shape before they get here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ConfigOption } from '../../core/hook-context.js';
import { JujuSimError } from '../../core/errors.js';
import { ActionsError, parseActions, type ActionSpec } from './actions.js';

export type Role = 'provider' | 'requirer' | 'peer';

export interface Endpoint {
  name: string;
  role: Role;
  interface: string;
  scope: 'global' | 'container';
}

/** The endpoint every application provides without declaring it (Juju's state.Application.Endpoints). */
export const jujuInfo: Endpoint = { name: 'juju-info', role: 'provider', interface: 'juju-info', scope: 'global' };

/** What an application can relate on: its charm's endpoints and the implicit juju-info. */
export const applicationEndpoints = (meta: Pick<CharmMeta, 'endpoints'>): Endpoint[] => [...meta.endpoints, jujuInfo];

export interface CharmMeta {
  name: string;
  subordinate: boolean;
  endpoints: Endpoint[];
  /** Names a charm binds to a space without a relation (`extra-bindings`), in file order. */
  extraBindings: string[];
  options: Record<string, ConfigOption>;
  /** actions.yaml: action name → spec. */
  actions: Record<string, ActionSpec>;
  /** `resources`: name → what the charm expects, in file order. */
  resources: Record<string, ResourceMeta>;
}

/** A resource the charm declares: a file (its name on disk) or an OCI image (Kubernetes charms). */
export interface ResourceMeta {
  type: 'file' | 'oci-image';
  /** The file's name in the unit's resources directory; a file resource always has one. */
  filename: string;
}

const roleOfSection: Record<string, Role> = { provides: 'provider', requires: 'requirer', peers: 'peer' };

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8')) as unknown;
}

function readYamlMap(path: string): Record<string, unknown> {
  const doc = readYaml(path);
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new JujuSimError(`${path}: expected a YAML mapping`);
  }
  return doc as Record<string, unknown>;
}

function endpointsOf(meta: Record<string, unknown>): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [section, role] of Object.entries(roleOfSection)) {
    const entries = (meta[section] ?? {}) as Record<string, unknown>;
    for (const [name, spec] of Object.entries(entries)) {
      const s = (typeof spec === 'string' ? { interface: spec } : spec ?? {}) as Record<string, unknown>;
      if (typeof s.interface !== 'string') {
        throw new JujuSimError(`metadata: endpoint "${name}" has no interface`);
      }
      endpoints.push({
        name,
        role,
        interface: s.interface,
        scope: s.scope === 'container' ? 'container' : 'global',
      });
    }
  }
  return endpoints;
}

/** Go's `%T(%#v)` of a value yaml.v2 decoded, as juju/schema's errors show it; maps and lists by type only. */
function goTyped(value: unknown): string {
  if (typeof value === 'string') return `string(${JSON.stringify(value)})`;
  if (typeof value === 'boolean') return `bool(${value})`;
  if (typeof value === 'number') return Number.isInteger(value) ? `int(${value})` : `float64(${value})`;
  return Array.isArray(value) ? '[]interface {}' : 'map[interface {}]interface {}';
}

/**
 * juju/charm's extra-bindings: a map of names without values (`name:`), none of them a relation
 * name, and not empty when given. Texts from its schema check and Meta.Check.
 */
function extraBindingsOf(meta: Record<string, unknown>, endpoints: Endpoint[]): string[] {
  const section = meta['extra-bindings'];
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new JujuSimError(`metadata: extra-bindings: expected map, got ${goTyped(section)}`);
  }
  const names = Object.keys(section);
  for (const name of names) {
    const value = (section as Record<string, unknown>)[name];
    if (value !== null) throw new JujuSimError(`metadata: extra-bindings.${name}: expected empty value, got ${goTyped(value)}`);
  }
  const invalid = (reason: string): JujuSimError =>
    new JujuSimError(`charm ${JSON.stringify(meta.name)} has invalid extra bindings: ${reason}`);
  if (names.length === 0) throw invalid('extra bindings cannot be empty when specified');
  const relationNames = names.filter((name) => endpoints.some((e) => e.name === name)).sort();
  if (relationNames.length > 0) throw invalid(`relation names (${relationNames.join(', ')}) cannot be used in extra bindings`);
  return names;
}

function optionsOf(config: Record<string, unknown>): Record<string, ConfigOption> {
  const options: Record<string, ConfigOption> = {};
  const entries = (config.options ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, spec] of Object.entries(entries)) {
    const type = (spec?.type ?? 'string') as ConfigOption['type'];
    if (!['string', 'int', 'float', 'boolean', 'secret'].includes(type)) {
      throw new JujuSimError(`config.yaml: option "${name}" has unknown type "${type}"`);
    }
    const option: ConfigOption = { type };
    if (spec?.default !== undefined) option.default = spec.default as ConfigOption['default'];
    if (typeof spec?.description === 'string') option.description = spec.description;
    options[name] = option;
  }
  return options;
}

/** juju/charm's resource metadata: `type` file (the default) or oci-image; a file has a filename. */
function resourcesOf(meta: Record<string, unknown>): Record<string, ResourceMeta> {
  const section = (meta.resources ?? {}) as Record<string, Record<string, unknown> | null>;
  const resources: Record<string, ResourceMeta> = {};
  for (const [name, spec] of Object.entries(section)) {
    const type = spec?.type ?? 'file';
    if (type !== 'file' && type !== 'oci-image') throw new JujuSimError(`metadata: resource "${name}": unsupported resource type ${JSON.stringify(type)}`);
    const filename = spec?.filename;
    if (type === 'file' && (typeof filename !== 'string' || filename === '')) throw new JujuSimError(`metadata: resource "${name}": resource missing filename`);
    resources[name] = { type, filename: type === 'file' ? (filename as string) : '' };
  }
  return resources;
}

function actionsOf(path: string): Record<string, ActionSpec> {
  try {
    return parseActions(readYaml(path));
  } catch (err) {
    if (err instanceof ActionsError) throw new JujuSimError(`${path}: ${err.message}`);
    throw err;
  }
}

/** Reads a built charm directory; throws JujuSimError naming what is missing or wrong. */
export function readCharm(dir: string): CharmMeta {
  const metaPath = join(dir, 'metadata.yaml');
  if (!existsSync(metaPath)) throw new JujuSimError(`${dir}: no metadata.yaml (not a charm directory)`);
  const meta = readYamlMap(metaPath);
  if (typeof meta.name !== 'string' || meta.name === '') {
    throw new JujuSimError(`${metaPath}: missing "name"`);
  }
  const configPath = join(dir, 'config.yaml');
  const actionsPath = join(dir, 'actions.yaml');
  const endpoints = endpointsOf(meta);
  return {
    name: meta.name,
    subordinate: meta.subordinate === true,
    endpoints,
    extraBindings: extraBindingsOf(meta, endpoints),
    options: existsSync(configPath) ? optionsOf(readYamlMap(configPath)) : {},
    actions: existsSync(actionsPath) ? actionsOf(actionsPath) : {},
    resources: resourcesOf(meta),
  };
}
