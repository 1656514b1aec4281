// The control protocol between the CLI and the daemon: one JSON request per connection on the
// control socket, one JSON reply, each a single line. Every method is declared here once: the
// fields of its params (checked by the daemon before anything runs) and the type of its result.
// The CLI and the daemon both take their types from here, so neither casts what the other sends.
import type { Bundle } from '../../core/bundle.js';
import type { RunReply } from '../api/actions.js';
import type { OfferDetails, OfferSummary } from '../api/offers.js';
import type { ShownEndpoint, ShownRelation } from '../api/show.js';
import type { ModelDiff, RelationChange } from '../api/diff.js';
import type { SecretDetails } from '../api/secrets.js';
import type { StepResult } from '../api/step.js';
import type { ModelConfigValue } from '../controller/model-config.js';
import type { HookOutputLine } from '../controller/history.js';
import type { PastStatus } from '../controller/status-history.js';
import type { ActionRecord, AppliedChanges, DatabagChange, HookDiff, HookRunRecord, KeyChange, OperationRecord, RelationRecord, StatusChange } from '../controller/records.js';
import type { HookOutcome } from '../uniter/operation.js';
import type { DebugHookResult } from '../api/debug-hook.js';
import type { Activity } from '../api/activity.js';
import type { HeldHook } from '../uniter/debug-session.js';

import type { ModelSummary as ModelInfo } from '../models.js';

export type { Activity, DebugHookResult, HeldHook, ActionRecord, AppliedChanges, DatabagChange, ModelDiff, OperationRecord, RelationChange, StatusChange, ModelInfo, Bundle, OfferDetails, OfferSummary, HookDiff, HookOutcome, HookOutputLine, HookRunRecord, KeyChange, PastStatus, ModelConfigValue, RunReply, SecretDetails, ShownEndpoint, ShownRelation, StepResult };

/** The kinds of value a param can hold; a trailing `?` makes it optional. */
interface Kinds {
  string: string;
  integer: number;
  boolean: boolean;
  strings: string[];
  /** key → string, as `config k=v` sends it. */
  settings: Record<string, string>;
  /** Any JSON object (action params). */
  object: Record<string, unknown>;
}
type Kind = keyof Kinds;
type Spec = Record<string, Kind | `${Kind}?`>;

type RequiredFields<S extends Spec> = { [K in keyof S as S[K] extends Kind ? K : never]: S[K] extends Kind ? Kinds[S[K]] : never };
type OptionalFields<S extends Spec> = {
  [K in keyof S as S[K] extends Kind ? never : K]?: S[K] extends `${infer B extends Kind}?` ? Kinds[B] : never;
};
type ParamsOf<S extends Spec> = RequiredFields<S> & OptionalFields<S>;

/**
 * Every method's params may name the model it acts on, in any form `-m` takes
 * (`m`, `admin/m`, `juju-sim:m`, `juju-sim:admin/m`); without it, the current model.
 */
const commonSpec = { model: 'string?' } as const satisfies Spec;

const paramSpecs = {
  ping: {},
  stop: {},
  /** charm: the built charm directory; charmPath: what the user named, absolute. */
  /** config: `key=value` settings given at deploy, checked against the charm before anything is made. */
  /** resources: `--resource` files, name → content in base64 (the front end reads them); trust: `--trust`. */
  deploy: {
    charm: 'string',
    charmPath: 'string?',
    application: 'string?',
    numUnits: 'integer?',
    unitVenv: 'string?',
    config: 'settings?',
    resources: 'settings?',
    trust: 'boolean?',
  },
  refresh: { application: 'string', charm: 'string', charmPath: 'string?', unitVenv: 'string?', forceUnits: 'boolean?', resources: 'settings?' },
  /** remove: `trust --remove`. */
  trust: { application: 'string', remove: 'boolean?' },
  'model-constraints': {},
  /** constraints: as Juju's constraints.Value marshals to JSON. */
  'set-model-constraints': { constraints: 'object' },
  /**
   * bundle: the bundle document, its charms' paths absolute; charms: application → built charm
   * directory; unitVenvs: application → the venv its units see at ../.venv.
   */
  'deploy-bundle': { bundle: 'object', charms: 'settings', unitVenvs: 'settings?' },
  'export-bundle': {},
  'add-unit': { application: 'string', numUnits: 'integer?' },
  integrate: { first: 'string', second: 'string' },
  'remove-relation': { first: 'string', second: 'string' },
  'remove-unit': { units: 'strings' },
  'remove-application': { applications: 'strings' },
  elect: { unit: 'string' },
  status: {},
  /** at: the model as it was once this hook run (its seq) ended. */
  show: { endpoints: 'strings?', relation: 'integer?', at: 'integer?' },
  /** from alone: what that hook run changed; with to: the net change from after run from to after run to. */
  diff: { from: 'integer', to: 'integer?' },
  /** since: the revision the caller saw; answered when the model's differs, or after timeoutMs. */
  'wait-for-change': { since: 'integer?', timeoutMs: 'integer' },
  'show-unit': { units: 'strings', endpoint: 'string?', relatedUnit: 'string?' },
  settle: { timeoutMs: 'integer?' },
  activity: {},
  pause: {},
  resume: {},
  /** unit: the unit to step; the next unit in turn when absent. */
  step: { unit: 'string?' },
  /** remote: a remote unit, or an application for an application-level relation-changed; relation: `<endpoint>:<id>` or `<id>`. */
  /** secret, revision: a secret hook's secret (a URI) and revision. */
  fire: { hook: 'string', unit: 'string?', remote: 'string?', relation: 'string?', secret: 'string?', revision: 'integer?' },
  /**
   * token: the caller's, for its later calls; hooks: hook and action names (none: all); printEnv:
   * the environment only; fire: the one hook now, as `fire` with remote and relation.
   */
  'debug-hook': { unit: 'string', hooks: 'strings', token: 'string', printEnv: 'boolean?', fire: 'boolean?', remote: 'string?', relation: 'string?' },
  'debug-hook-held': { unit: 'string', token: 'string' },
  /** How the user's shell ended: its exit code, or the name of the signal that killed it. */
  'debug-hook-end': { unit: 'string', token: 'string', code: 'integer?', signal: 'string?' },
  /** units: unit names or `<application>/leader`; timeoutMs: when the commands are killed; the rest: juju-sim's relation context. */
  exec: {
    units: 'strings',
    applications: 'strings?',
    command: 'string',
    timeoutMs: 'integer?',
    relation: 'string?',
    remoteUnit: 'string?',
    remoteApp: 'string?',
    forceRemoteUnit: 'boolean?',
  },
  /** receivers: unit names, or `<application>/leader`. */
  run: { receivers: 'strings', action: 'string', params: 'object' },
  /** logs: how many of the task's log messages the caller has seen. */
  'action-wait': { id: 'integer', logs: 'integer', timeoutMs: 'integer' },
  'show-operation': { id: 'integer' },
  /** units and applications: whose tasks; actions: their names; status: the operations'; limit: 50 unless given. */
  operations: { units: 'strings?', applications: 'strings?', actions: 'strings?', status: 'strings?', offset: 'integer?', limit: 'integer?' },
  resolve: { unit: 'string', noRetry: 'boolean?' },
  /** after: only the runs after this one (its seq), as `history --follow` asks for them. */
  history: { unit: 'string?', after: 'integer?' },
  /** kind: Juju's history kind; size: the last N; from: only statuses since this time (ISO). */
  'show-status-log': { kind: 'string', entity: 'string', size: 'integer?', from: 'string?' },
  /** seq: the run's number in the history. */
  'hook-run': { seq: 'integer' },
  /** include: units, applications or entities; level: the lowest shown; limit: the last N lines (0: all). */
  'debug-log': { include: 'strings?', level: 'string?', limit: 'integer?' },
  config: { application: 'string', set: 'settings?', reset: 'strings?' },
  /** key: the one setting to show; without set, reset or key, every setting is shown. */
  'model-config': { set: 'settings?', reset: 'strings?', key: 'string?' },
  /** target: a unit or an application; every unit of the model without it. */
  'update-status': { target: 'string?' },
  /** name: the new model's; config: its model-config settings; noSwitch: it does not become current. */
  'add-model': { name: 'string', config: 'settings?', noSwitch: 'boolean?' },
  /** The model given by the common `model` param; it must be given. */
  'destroy-model': { force: 'boolean?' },
  models: {},
  'show-model': {},
  /** The model given by the common `model` param becomes the current one. */
  'switch-model': {},
  /** The offering model is the common `model` param; name: the offer's, the application's without it. */
  offer: { application: 'string', endpoints: 'strings', name: 'string?' },
  offers: {},
  /** url: `[controller:][owner/]model.offer`, or an offer of the request's model by name. */
  'show-offer': { url: 'string' },
  /** url: `[controller:][owner/]model.offer`; alias: the remote application's name here. */
  consume: { url: 'string', alias: 'string?' },
  'remove-saas': { applications: 'strings' },
  /** offers: offer names or URLs of the model's offers. */
  /** force: the relations that use them die too. */
  'remove-offer': { offers: 'strings', force: 'boolean?' },
  /** content: key → base64 value; name: the secret's label. */
  'add-secret': { name: 'string', content: 'settings', info: 'string?' },
  /** secret: a URI or a user secret's name. */
  'update-secret': { secret: 'string', content: 'settings?', info: 'string?', name: 'string?' },
  'remove-secret': { secret: 'string', revision: 'integer?' },
  'grant-secret': { secret: 'string', applications: 'strings' },
  'revoke-secret': { secret: 'string', applications: 'strings' },
  /** owner: an owner's tag. */
  secrets: { owner: 'string?' },
  'show-secret': { secret: 'string', reveal: 'boolean?', revision: 'integer?' },
} as const satisfies Record<string, Spec>;

export type Method = keyof typeof paramSpecs;
export type Params<M extends Method> = ParamsOf<(typeof paramSpecs)[M]> & ParamsOf<typeof commonSpec>;

interface Results {
  /** maxParallelHooks: how many hooks may run at once, each of another unit (agent/control/daemon-settings.ts). */
  ping: { pid: number; home: string; maxParallelHooks: number };
  stop: { stopped: true };
  deploy: { application: string; units: string[]; revision: number };
  refresh: { application: string; charm: string; revision: number };
  trust: null;
  'model-constraints': Record<string, unknown>;
  'set-model-constraints': null;
  'deploy-bundle': { applications: Array<Results['deploy']>; relations: RelationRecord[] };
  'export-bundle': Bundle;
  'add-unit': { units: string[] };
  integrate: RelationRecord;
  'remove-relation': null;
  'remove-unit': null;
  'remove-application': null;
  elect: null;
  /** `juju status --format json`'s shape. */
  status: Record<string, unknown>;
  show: { relations: ShownRelation[] };
  diff: ModelDiff;
  /** The model's revision: a count of its changes and recorded runs since the daemon started. */
  'wait-for-change': { revision: number };
  /** `juju show-unit --format json`'s shape. */
  'show-unit': Record<string, unknown>;
  settle: { errors: Array<{ unit: string; message: string }> };
  activity: Activity;
  pause: { paused: boolean };
  resume: { paused: boolean };
  step: StepResult;
  fire: HookOutcome;
  'debug-hook': DebugHookResult;
  'debug-hook-held': HeldHook;
  'debug-hook-end': null;
  exec: RunReply;
  run: RunReply;
  'action-wait': ActionRecord;
  'show-operation': OperationRecord;
  operations: { operations: OperationRecord[]; truncated: boolean };
  resolve: null;
  history: HookRunRecord[];
  'show-status-log': PastStatus[];
  /** One run in full: its record and what its process wrote. */
  'hook-run': HookRunRecord & { output: HookOutputLine[] };
  'debug-log': { lines: string[] };
  config: null | { application: string; 'application-config': Record<string, unknown>; charm: string; settings: Record<string, unknown> };
  'model-config': null | Record<string, ModelConfigValue>;
  'update-status': null;
  'add-model': ModelInfo;
  'destroy-model': null;
  models: { models: ModelInfo[]; current: string };
  'show-model': ModelInfo;
  'switch-model': { from: string; to: string };
  offer: { url: string };
  offers: Record<string, OfferSummary>;
  'show-offer': Record<string, OfferDetails>;
  consume: { url: string; alias: string };
  'remove-saas': null;
  'remove-offer': null;
  'add-secret': { uri: string };
  'update-secret': null;
  'remove-secret': null;
  'grant-secret': null;
  'revoke-secret': null;
  secrets: SecretDetails[];
  'show-secret': SecretDetails[];
}
export type Result<M extends Method> = Results[M];

export type ControlRequest = { [M in Method]: { method: M; params: Params<M> } }[Method];

export type ControlReply = { result: unknown } | { error: { message: string } };

/** Far above any real request (the largest carry action params or config values). */
export const maxRequestBytes = 16 * 1024 * 1024;

export function encode(message: ControlRequest | ControlReply): string {
  return `${JSON.stringify(message)}\n`;
}

/** A request line that is not a request; its message is the reply's error. */
export class ProtocolError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const kinds: Record<Kind, { is: (value: unknown) => boolean; name: string }> = {
  string: { is: (v) => typeof v === 'string', name: 'a string' },
  integer: { is: (v) => Number.isSafeInteger(v), name: 'an integer' },
  boolean: { is: (v) => typeof v === 'boolean', name: 'a boolean' },
  strings: { is: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), name: 'a list of strings' },
  settings: { is: (v) => isObject(v) && Object.values(v).every((s) => typeof s === 'string'), name: 'a map of strings' },
  object: { is: isObject, name: 'an object' },
};

/** Parses one request line (without its newline) and checks its params against the method's. */
export function decodeRequest(line: string): ControlRequest {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    throw new ProtocolError('bad request: not JSON');
  }
  if (!isObject(message) || typeof message.method !== 'string') {
    throw new ProtocolError('bad request: want {"method": string, "params": object}');
  }
  const method = message.method;
  if (!Object.hasOwn(paramSpecs, method)) throw new ProtocolError(`unknown method "${method}"`);
  const params = message.params ?? {};
  if (!isObject(params)) throw new ProtocolError('bad request: params must be an object');
  const spec: Spec = { ...commonSpec, ...paramSpecs[method as Method] };
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(spec, name)) throw new ProtocolError(`bad request: ${method} has no param "${name}"`);
  }
  // Only the declared params, and a null one as absent: handlers see exactly their types.
  const checked: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(spec)) {
    const kind = declared.replace('?', '') as Kind;
    const value = params[name];
    if (value === undefined || value === null) {
      if (declared.endsWith('?')) continue;
      throw new ProtocolError(`bad request: ${method} needs param "${name}"`);
    }
    if (!kinds[kind].is(value)) throw new ProtocolError(`bad request: ${method} param "${name}" must be ${kinds[kind].name}`);
    checked[name] = value;
  }
  return { method, params: checked } as ControlRequest;
}
