// `fire <hook>`: turns what the user typed into one hook of one unit, choosing the unit, the
// relation and the remote unit itself when only one choice makes sense, and otherwise failing
// with the candidates listed.
import { applicationEndpoints } from '../charm/metadata.js';
import type { Controller } from '../controller/controller.js';
import { relationIdOf, relationSides } from '../controller/endpoints.js';
import { JujuSimError } from '../../core/errors.js';
import { isRelationHook, isSecretHook, parseHookName, type HookInfo } from '../uniter/hook.js';
import { secretIdOf, secretURI } from '../controller/secrets.js';
import type { Params } from '../control/protocol.js';

/** The one candidate; otherwise an error saying there is none, or listing them all. */
function only<T>(candidates: T[], none: string, several: string, flag: string, show: (c: T) => string): T {
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw new JujuSimError(none);
  throw new JujuSimError(`${several}: ${candidates.map(show).join(', ')}; choose one with ${flag}`);
}

export function resolveFire(controller: Controller, request: Params<'fire'>): { unit: string; hook: HookInfo } {
  const endpointsOf = (unit: string): string[] =>
    applicationEndpoints(controller.applications.get(controller.units.get(unit).application).meta).map((e) => e.name);
  const units = request.unit !== undefined ? [controller.units.get(request.unit).name] : controller.units.all().map((u) => u.name);
  const able = units.filter((u) => parseHookName(request.hook, endpointsOf(u)) !== undefined);
  if (able.length === 0) {
    throw new JujuSimError(
      request.unit !== undefined ? `unit "${request.unit}" has no hook "${request.hook}"` : `no unit has a hook "${request.hook}"`,
    );
  }
  const kind = parseHookName(request.hook, [])?.kind;
  if (kind !== undefined && isSecretHook(kind)) return resolveSecretFire(controller, request, kind, able);
  const unit = only(able, '', `several units can run "${request.hook}"`, '--unit', (u) => u);
  const parsed = parseHookName(request.hook, endpointsOf(unit))!;
  if (!isRelationHook(parsed.kind)) return { unit, hook: { kind: parsed.kind } };

  const app = controller.units.get(unit).application;
  const relations = controller.relations
    .of(app)
    .filter((r) => r.endpoints.some((e) => e.application === app && e.endpoint === parsed.endpoint))
    .filter((r) => request.relation === undefined || r.id === relationIdOf(request.relation));
  const relation = only(
    relations,
    `unit "${unit}" has no "${parsed.endpoint}" relation${request.relation === undefined ? '' : ` with id ${request.relation}`}`,
    `several "${parsed.endpoint}" relations on ${unit}`,
    '--relation',
    (r) => `${parsed.endpoint}:${r.id}`,
  );
  const remoteApp = relationSides(relation, app).remote.application;
  const hook: HookInfo = { kind: parsed.kind, relationId: relation.id, endpoint: parsed.endpoint, remoteApp };
  if (parsed.kind === 'relation-created' || parsed.kind === 'relation-broken') return { unit, hook };

  if (request.remote !== undefined && !request.remote.includes('/')) {
    if (parsed.kind !== 'relation-changed' || request.remote !== remoteApp) {
      throw new JujuSimError(`--remote ${request.remote}: expected a unit of "${remoteApp}"`);
    }
    return { unit, hook };
  }
  const remoteUnits = controller.relations.scope(relation.id).filter((u) => u !== unit && u.split('/')[0] === remoteApp);
  if (request.remote !== undefined && !remoteUnits.includes(request.remote)) {
    throw new JujuSimError(`unit "${request.remote}" is not in relation ${parsed.endpoint}:${relation.id}`);
  }
  if (request.remote === undefined && remoteUnits.length === 0 && parsed.kind === 'relation-changed') return { unit, hook };
  const where = `${parsed.endpoint}:${relation.id}`;
  const remoteUnit =
    request.remote ?? only(remoteUnits, `no remote unit in ${where}`, `several remote units in ${where}`, '--remote', (u) => u);
  return {
    unit,
    hook: { ...hook, remoteUnit, ...(parsed.kind === 'relation-departed' ? { departingUnit: remoteUnit } : {}) },
  };
}

/**
 * A secret hook: the owner's (the unit, or its application's leader) for secret-rotate,
 * secret-expired and secret-remove; a consumer's for secret-changed, with its label and the
 * latest revision. secret-expired defaults to the latest revision; secret-remove needs one.
 */
function resolveSecretFire(controller: Controller, request: Params<'fire'>, kind: HookInfo['kind'], able: string[]): { unit: string; hook: HookInfo } {
  if (request.secret === undefined) throw new JujuSimError(`${request.hook} needs --secret`);
  const secret = controller.secrets.get(secretIdOf(request.secret));
  const uri = secretURI(secret.id);
  let candidates: string[];
  if (kind === 'secret-changed') {
    candidates = able.filter((u) => controller.secrets.consumer(secret.id, u) !== undefined);
  } else if (secret.ownerKind === 'unit') {
    candidates = able.filter((u) => u === secret.ownerName);
  } else {
    const leader = secret.ownerKind === 'application' ? controller.applications.get(secret.ownerName).leader : null;
    candidates = able.filter((u) => u === leader);
  }
  const role = kind === 'secret-changed' ? 'consumes' : 'owns (or leads the owner of)';
  const unit = only(candidates, `no unit ${role} ${uri}`, `several units ${role.split(' ')[0]} ${uri}`, '--unit', (u) => u);
  if (kind === 'secret-changed') {
    const consumer = controller.secrets.consumer(secret.id, unit)!;
    return { unit, hook: { kind, secretURI: uri, secretLabel: consumer.label, secretRevision: secret.latestRevision } };
  }
  if (kind === 'secret-rotate') return { unit, hook: { kind, secretURI: uri } };
  if (kind === 'secret-remove' && request.revision === undefined) throw new JujuSimError('secret-remove needs --revision');
  return { unit, hook: { kind, secretURI: uri, secretRevision: request.revision ?? secret.latestRevision } };
}
