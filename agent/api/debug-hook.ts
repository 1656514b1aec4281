// `debug-hook UNIT [HOOK...]` (Juju's debug-hooks): the control side of a debug session
// (agent/uniter/debug-session.ts). The command arms it and waits for its end with one call, whose
// caller going away abandons it; a second call waits until the unit holds the hook, and gives
// the shell's environment; a third says how the user's shell ended.
import { constants } from 'node:os';
import type { Params, Result } from '../control/protocol.js';
import { JujuSimError } from '../../core/errors.js';
import type { Model } from '../model.js';
import type { HeldHook } from '../uniter/debug-session.js';
import type { Uniter } from '../uniter/uniter.js';
import { parseHookName, relationHookKinds, secretHookKinds, unitHookKinds } from '../uniter/hook.js';
import type { HookOutcome } from '../uniter/operation.js';
import { resolveFire } from './fire.js';

export interface DebugHookResult {
  unit: string;
  /** The hook's name, or the action's. */
  hook: string;
  kind: HeldHook['kind'];
  /** With printEnv: the environment it would have run in. */
  environment?: Record<string, string>;
  /** A hook's outcome once it committed or failed (an action's is in its task). */
  outcome?: HookOutcome;
}

/** How long the second call waits for the first to arm its session (they may arrive in any order). */
const armWaitMs = 10_000;

const sortedList = (names: Iterable<string>): string => `[${[...names].sort().join(' ')}]`;

/**
 * The names a session matches, checked against the unit's charm as Juju's client checks them
 * (validateHooksOrActions); `*` among them, or none, is every hook and action.
 */
function checkedNames(model: Model, unit: string, names: string[]): string[] {
  if (names.length === 0 || names.includes('*')) return [];
  const app = model.controller.applications.get(model.controller.units.get(unit).application);
  // Every charm has juju-info's hooks, as Juju lists them.
  const endpoints = ['juju-info', ...app.meta.endpoints.map((e) => e.name)];
  const actions = Object.keys(app.meta.actions);
  for (const name of names) {
    if (parseHookName(name, endpoints) !== undefined || actions.includes(name)) continue;
    const hooks = [...unitHookKinds, ...secretHookKinds, ...endpoints.flatMap((endpoint) => relationHookKinds.map((kind) => `${endpoint}-${kind}`))];
    throw new JujuSimError(
      `unit "${unit}" contains neither hook nor action "${name}", valid actions are ${sortedList(actions)} and valid hooks are ${sortedList(new Set(hooks))}`,
    );
  }
  return names;
}

/** Arms a session and answers when it is over: with the environment (printEnv), or the hook's outcome. */
export async function debugHook(model: Model, params: Params<'debug-hook'>, signal: AbortSignal): Promise<Result<'debug-hook'>> {
  const unit = model.controller.actions.receiverUnit(params.unit).name;
  const hooks = checkedNames(model, unit, params.hooks);
  let fired;
  if (params.fire) {
    if (hooks.length !== 1) throw new JujuSimError('--fire needs exactly one hook name');
    fired = resolveFire(model.controller, { hook: hooks[0], unit, remote: params.remote, relation: params.relation }).hook;
  }
  const session = model.uniter(unit).debug(params.token, hooks, params.printEnv === true, fired);
  model.scheduler.wake();
  const abandon = (): void => session.abandon(new JujuSimError('the debug session was abandoned'));
  if (signal.aborted) abandon();
  signal.addEventListener('abort', abandon, { once: true });
  try {
    const held = await session.whenHeld();
    if (params.printEnv) return { unit, hook: held.hook, kind: held.kind, environment: held.environment };
    const outcome = (await session.whenFinished()) as HookOutcome | undefined;
    return { unit, hook: held.hook, kind: held.kind, ...(outcome ? { outcome } : {}) };
  } finally {
    signal.removeEventListener('abort', abandon);
  }
}

/** The unit's session of this token, waited for a while when it is not armed yet. */
async function sessionOf(uniter: Uniter, token: string, signal: AbortSignal): Promise<NonNullable<ReturnType<Uniter['debugSessionOf']>>> {
  for (const deadline = Date.now() + armWaitMs; !signal.aborted && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const session = uniter.debugSessionOf(token);
    if (session) return session;
  }
  throw new JujuSimError(`unit "${uniter.unitName}" has no such debug session`);
}

/** Answers once the session holds its hook: what the user's shell needs. */
export async function debugHookHeld(model: Model, params: Params<'debug-hook-held'>, signal: AbortSignal): Promise<Result<'debug-hook-held'>> {
  const unit = model.controller.actions.receiverUnit(params.unit).name;
  return (await sessionOf(model.uniter(unit), params.token, signal)).whenHeld();
}

/** The user's shell has ended: the hook ends as a handler that ended so. */
export function debugHookEnd(model: Model, params: Params<'debug-hook-end'>): null {
  const uniter = model.uniter(model.controller.units.get(params.unit).name);
  const session = uniter.debugSessionOf(params.token);
  if (!session) throw new JujuSimError(`unit "${uniter.unitName}" has no such debug session`);
  const { code, signal } = params;
  if (signal !== undefined && !Object.hasOwn(constants.signals, signal)) throw new JujuSimError(`unknown signal "${signal}"`);
  session.end({ code: code ?? null, signal: (signal as NodeJS.Signals | undefined) ?? null });
  return null;
}
