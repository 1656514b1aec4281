// The clouds and credentials Juju's client keeps (clouds.yaml, credentials.yaml under
// JUJU_DATA), kept in $JUJU_SIM_HOME/clouds.json: add-cloud, update-cloud, remove-cloud,
// show-cloud, clouds, add-credential and credentials answer from it. Nothing stands behind them:
// juju-sim's models all run on its one machine, the built-in `localhost` cloud. A cloud added
// with --controller is kept apart from the client's, as Juju's controller keeps its own.
import { join } from 'node:path';
import { parse } from 'yaml';
import { simHome } from '../agent/control/client.js';
import { JujuSimError } from '../core/errors.js';
import { GoStruct, type GoValue } from '../core/format.js';
import type { CommandIO } from './io.js';

export type CloudDefinition = Record<string, unknown>;

export interface CloudStore {
  client: Record<string, CloudDefinition>;
  controller: Record<string, CloudDefinition>;
  /** cloud → credential name → `auth-type` and attributes. */
  credentials: Record<string, Record<string, Record<string, string>>>;
}

/** Juju's built-in LXD cloud, which is always there (and the one juju-sim's models run on). */
export const localhost: CloudDefinition = {
  type: 'lxd',
  description: 'LXD Container Hypervisor',
  'auth-types': ['certificate'],
  regions: { localhost: {} },
};

const storePath = (io: CommandIO): string => join(simHome(io.env as NodeJS.ProcessEnv), 'clouds.json');

export async function readStore(io: CommandIO): Promise<CloudStore> {
  try {
    const stored = JSON.parse((await io.readFile(storePath(io))).toString('utf8')) as Partial<CloudStore>;
    return { client: stored.client ?? {}, controller: stored.controller ?? {}, credentials: stored.credentials ?? {} };
  } catch (err) {
    if ((err as Error).message.endsWith('no such file or directory')) return { client: {}, controller: {}, credentials: {} };
    throw err;
  }
}

export const writeStore = (io: CommandIO, store: CloudStore): Promise<void> => io.writeFile(storePath(io), `${JSON.stringify(store, null, 2)}\n`);

/** A YAML file the user names, as a map; what it is not, in Juju's manner. */
export async function readYamlFile(io: CommandIO, path: string): Promise<Record<string, unknown>> {
  const doc = parse((await io.readFile(path)).toString('utf8')) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new JujuSimError(`invalid YAML in ${path}: expected a map`);
  return doc as Record<string, unknown>;
}

/** The named cloud of a clouds file (`clouds: {name: {...}}`), as add-cloud and update-cloud read one. */
export async function cloudFromFile(io: CommandIO, name: string, path: string): Promise<CloudDefinition> {
  const clouds = (await readYamlFile(io, path)).clouds as Record<string, CloudDefinition> | undefined;
  const cloud = clouds?.[name];
  if (cloud === undefined || cloud === null) throw new JujuSimError(`cloud "${name}" not found in file "${path}"`);
  if (typeof cloud.type !== 'string' || cloud.type === '') throw new JujuSimError(`cloud "${name}" has no type`);
  return cloud;
}

/** Where a cloud command acts: the client's store, the controller's, or (neither flag) both. */
export function scopes(opts: { client?: boolean; controller?: string }): Array<'client' | 'controller'> {
  const chosen: Array<'client' | 'controller'> = [];
  if (opts.client) chosen.push('client');
  if (opts.controller !== undefined) chosen.push('controller');
  return chosen.length > 0 ? chosen : ['client', 'controller'];
}

/** The clouds a store knows on one side, localhost always among them. */
export const cloudsOf = (store: CloudStore, side: 'client' | 'controller'): Record<string, CloudDefinition> => ({ localhost, ...store[side] });

/**
 * Juju's CloudDetails for show-cloud and clouds: its fields in Juju's order, empty ones left
 * out; `defined` says whether Juju knows the cloud out of the box or the user added it.
 */
export function cloudDetails(name: string, cloud: CloudDefinition, credentialCount: number): GoStruct {
  const details: Record<string, unknown> = {
    defined: name === 'localhost' ? 'built-in' : 'local',
    type: cloud.type,
    description: cloud.description,
    'auth-types': cloud['auth-types'],
    endpoint: cloud.endpoint,
    'identity-endpoint': cloud['identity-endpoint'],
    'storage-endpoint': cloud['storage-endpoint'],
    'credential-count': credentialCount || undefined,
    regions: cloud.regions,
    config: cloud.config,
    'region-config': cloud['region-config'],
    'ca-credentials': cloud['ca-certificates'],
  };
  return new GoStruct(Object.entries(details).filter(([, v]) => v !== undefined && v !== null && v !== '') as Array<[string, GoValue]>);
}
