// The environment of a hook process, exactly as Juju 3.6 builds it (juju-hooktools.md §7):
// nothing of the daemon's own environment leaks in except PATH (behind the hook tools) and
// the variables the user explicitly passes through (JUJU_SIM_PASS_ENV, e.g. "HOME").

import { jujuVersion } from '../../core/juju-version.js';

export interface HookEnvironmentInput {
  unit: string;
  modelName: string;
  modelUuid: string;
  machineId: string;
  charmDir: string;
  contextId: string;
  socketPath: string;
  toolsDir: string;
  /** The agent's PATH, searched after the hook tools. */
  agentPath: string;
  /** Undefined for actions and `exec`, which get an empty JUJU_HOOK_NAME. */
  hookName?: string;
  /** The action being run: its name and numeric id. */
  action?: { name: string; id: number };
  /** Commands (a juju-exec task), not a handler of the charm: no JUJU_DISPATCH_PATH (Juju's runner sets it for handlers only). */
  commands?: boolean;
  relation?: { endpoint: string; id: number };
  remoteUnit?: string;
  remoteApp?: string;
  departingUnit?: string;
  /** A secret hook's secret: its URI, the consumer's label, and the revision it is about (0: none). */
  secret?: { uri: string; label: string; revision: number };
  /** Extra variables the user asked to keep (names → values). */
  passThrough?: Record<string, string>;
}

export function hookEnvironment(input: HookEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    ...input.passThrough,
    CHARM_DIR: input.charmDir,
    JUJU_CHARM_DIR: input.charmDir,
    JUJU_CONTEXT_ID: input.contextId,
    JUJU_HOOK_NAME: input.hookName ?? '',
    JUJU_AGENT_SOCKET_ADDRESS: input.socketPath,
    JUJU_AGENT_SOCKET_NETWORK: 'unix',
    JUJU_UNIT_NAME: input.unit,
    JUJU_MODEL_UUID: input.modelUuid,
    JUJU_MODEL_NAME: input.modelName,
    JUJU_API_ADDRESSES: '127.0.0.1:17070',
    JUJU_MACHINE_ID: input.machineId,
    JUJU_PRINCIPAL_UNIT: '',
    JUJU_AVAILABILITY_ZONE: '',
    JUJU_VERSION: jujuVersion,
    CLOUD_API_VERSION: '',
    JUJU_CHARM_HTTP_PROXY: '',
    JUJU_CHARM_HTTPS_PROXY: '',
    JUJU_CHARM_FTP_PROXY: '',
    JUJU_CHARM_NO_PROXY: '',
    JUJU_SLA: 'unsupported',
    PATH: `${input.toolsDir}:${input.agentPath}`,
    LANG: 'C.UTF-8',
    TERM: 'tmux-256color',
    DEBIAN_FRONTEND: 'noninteractive',
    APT_LISTCHANGES_FRONTEND: 'none',
  };
  if (input.hookName !== undefined) env.JUJU_DISPATCH_PATH = `hooks/${input.hookName}`;
  if (input.action) {
    if (!input.commands) env.JUJU_DISPATCH_PATH = `actions/${input.action.name}`;
    env.JUJU_ACTION_NAME = input.action.name;
    env.JUJU_ACTION_UUID = String(input.action.id);
    env.JUJU_ACTION_TAG = `action-${input.action.id}`;
  }
  if (input.relation) {
    env.JUJU_RELATION = input.relation.endpoint;
    env.JUJU_RELATION_ID = `${input.relation.endpoint}:${input.relation.id}`;
    env.JUJU_REMOTE_UNIT = input.remoteUnit ?? '';
    env.JUJU_REMOTE_APP = input.remoteApp ?? '';
    if (input.departingUnit !== undefined) env.JUJU_DEPARTING_UNIT = input.departingUnit;
  }
  if (input.secret) {
    env.JUJU_SECRET_ID = input.secret.uri;
    env.JUJU_SECRET_LABEL = input.secret.label;
    if (input.secret.revision > 0) env.JUJU_SECRET_REVISION = String(input.secret.revision);
  }
  return env;
}

/**
 * The variables that differ from one hook of a unit to the next; the rest of a unit's hook
 * environment stays the same while its charm does (what a fork server may start with).
 */
export const perHookVariables: ReadonlySet<string> = new Set([
  'JUJU_CONTEXT_ID',
  'JUJU_HOOK_NAME',
  'JUJU_DISPATCH_PATH',
  'JUJU_ACTION_NAME',
  'JUJU_ACTION_UUID',
  'JUJU_ACTION_TAG',
  'JUJU_RELATION',
  'JUJU_RELATION_ID',
  'JUJU_REMOTE_UNIT',
  'JUJU_REMOTE_APP',
  'JUJU_DEPARTING_UNIT',
]);

/** Names from JUJU_SIM_PASS_ENV ("HOME USER" or "HOME,USER") with their current values. */
export function passThroughFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = (env.JUJU_SIM_PASS_ENV ?? '').split(/[\s,]+/).filter(Boolean);
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));
}
