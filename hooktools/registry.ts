// The one table of hook tools: name → constructor. The tool server knows nothing else, and the
// build makes one client symlink per name.

import type { ToolCommand } from './cmd.js';
import type { HookContext } from './context.js';
import { notImplemented } from './tools/not-implemented.js';
import { relationGet } from './tools/relation-get.js';
import { relationIds } from './tools/relation-ids.js';
import { relationList } from './tools/relation-list.js';
import { relationSet } from './tools/relation-set.js';

export type ToolFactory = (ctx: HookContext) => ToolCommand;

/** Juju 3.6's hook-tool names that juju-sim accepts but does not emulate yet. */
const notImplementedYet = [
  'action-fail',
  'action-get',
  'action-log',
  'action-set',
  'add-metric',
  'application-version-set',
  'close-port',
  'config-get',
  'credential-get',
  'goal-state',
  'is-leader',
  'juju-log',
  'juju-reboot',
  'k8s-raw-get',
  'k8s-raw-set',
  'k8s-spec-get',
  'k8s-spec-set',
  'leader-get',
  'leader-set',
  'network-get',
  'open-port',
  'opened-ports',
  'payload-register',
  'payload-status-set',
  'payload-unregister',
  'pod-spec-get',
  'pod-spec-set',
  'relation-model-get',
  'resource-get',
  'secret-add',
  'secret-get',
  'secret-grant',
  'secret-ids',
  'secret-info-get',
  'secret-remove',
  'secret-revoke',
  'secret-set',
  'state-delete',
  'state-get',
  'state-set',
  'status-get',
  'status-set',
  'storage-add',
  'storage-get',
  'storage-list',
  'unit-get',
];

export const tools: ReadonlyMap<string, ToolFactory> = new Map<string, ToolFactory>([
  ['relation-get', relationGet],
  ['relation-ids', relationIds],
  ['relation-list', relationList],
  ['relation-set', relationSet],
  ...notImplementedYet.map((name): [string, ToolFactory] => [name, notImplemented(name)]),
]);

/** Every tool name, sorted: the build creates one client symlink for each. */
export const toolNames: string[] = [...tools.keys()].sort();
