// The one table of hook tools: name → constructor, and how one runs. The tool server knows
// nothing else of hooktools/, and the build makes one client symlink per name.

import { runCommand, type ToolFactory } from './cmd.js';
import type { HookContext } from '../core/hook-context.js';
import type { ToolIO } from '../core/tool-io.js';
import { notImplemented } from './tools/not-implemented.js';
import { actionFail } from './tools/action-fail.js';
import { actionGet } from './tools/action-get.js';
import { actionLog } from './tools/action-log.js';
import { actionSet } from './tools/action-set.js';
import { applicationVersionSet } from './tools/application-version-set.js';
import { closePort } from './tools/close-port.js';
import { configGet } from './tools/config-get.js';
import { credentialGet } from './tools/credential-get.js';
import { goalState } from './tools/goal-state.js';
import { isLeader } from './tools/is-leader.js';
import { jujuLog } from './tools/juju-log.js';
import { jujuReboot } from './tools/juju-reboot.js';
import { leaderGet } from './tools/leader-get.js';
import { leaderSet } from './tools/leader-set.js';
import { networkGet } from './tools/network-get.js';
import { openPort } from './tools/open-port.js';
import { openedPorts } from './tools/opened-ports.js';
import { relationGet } from './tools/relation-get.js';
import { relationIds } from './tools/relation-ids.js';
import { relationList } from './tools/relation-list.js';
import { relationModelGet } from './tools/relation-model-get.js';
import { relationSet } from './tools/relation-set.js';
import { resourceGet } from './tools/resource-get.js';
import { secretAdd } from './tools/secret-add.js';
import { secretGet } from './tools/secret-get.js';
import { secretGrant } from './tools/secret-grant.js';
import { secretIds } from './tools/secret-ids.js';
import { secretInfoGet } from './tools/secret-info-get.js';
import { secretRemove } from './tools/secret-remove.js';
import { secretRevoke } from './tools/secret-revoke.js';
import { secretSet } from './tools/secret-set.js';
import { stateDelete } from './tools/state-delete.js';
import { stateGet } from './tools/state-get.js';
import { stateSet } from './tools/state-set.js';
import { statusGet } from './tools/status-get.js';
import { statusSet } from './tools/status-set.js';
import { storageAdd } from './tools/storage-add.js';
import { storageGet } from './tools/storage-get.js';
import { storageList } from './tools/storage-list.js';
import { unitGet } from './tools/unit-get.js';

export type { ToolFactory };

/** Runs one invocation of the tool the factory makes, as juju/cmd's Main does; its exit code. */
export function runTool(factory: ToolFactory, ctx: HookContext, args: string[], io: ToolIO): number {
  return runCommand(factory(ctx), args, io);
}

/** Juju 3.6's hook-tool names that juju-sim accepts but does not emulate yet. */
const notImplementedYet = [
  'add-metric',
  'k8s-raw-get',
  'k8s-raw-set',
  'k8s-spec-get',
  'k8s-spec-set',
  'payload-register',
  'payload-status-set',
  'payload-unregister',
  'pod-spec-get',
  'pod-spec-set',
];

export const tools: ReadonlyMap<string, ToolFactory> = new Map<string, ToolFactory>([
  ['action-fail', actionFail],
  ['action-get', actionGet],
  ['action-log', actionLog],
  ['action-set', actionSet],
  ['application-version-set', applicationVersionSet],
  ['close-port', closePort],
  ['config-get', configGet],
  ['credential-get', credentialGet],
  ['goal-state', goalState],
  ['is-leader', isLeader],
  ['juju-log', jujuLog],
  ['juju-reboot', jujuReboot],
  ['leader-get', leaderGet],
  ['leader-set', leaderSet],
  ['network-get', networkGet],
  ['open-port', openPort],
  ['opened-ports', openedPorts],
  ['relation-get', relationGet],
  ['relation-ids', relationIds],
  ['relation-list', relationList],
  ['relation-model-get', relationModelGet],
  ['relation-set', relationSet],
  ['resource-get', resourceGet],
  ['secret-add', secretAdd],
  ['secret-get', secretGet],
  ['secret-grant', secretGrant],
  ['secret-ids', secretIds],
  ['secret-info-get', secretInfoGet],
  ['secret-remove', secretRemove],
  ['secret-revoke', secretRevoke],
  ['secret-set', secretSet],
  ['state-delete', stateDelete],
  ['state-get', stateGet],
  ['state-set', stateSet],
  ['status-get', statusGet],
  ['status-set', statusSet],
  ['storage-add', storageAdd],
  ['storage-get', storageGet],
  ['storage-list', storageList],
  ['unit-get', unitGet],
  ...notImplementedYet.map((name): [string, ToolFactory] => [name, notImplemented(name)]),
]);

/** Every tool name, sorted: the build creates one client symlink for each. */
export const toolNames: string[] = [...tools.keys()].sort();
