// The user's secrets commands (Juju's client secrets facade): a user's secrets are owned by the
// model, named by their label, and granted to applications; every secret of the model is listed
// and shown, a charm's too.
import type { Params, Result } from '../control/protocol.js';
import type { Controller } from '../controller/controller.js';
import { newSecretId, secretIdOf, secretURI, type SecretFields, type SecretRecord } from '../controller/secrets.js';
import { JujuSimError, NotFoundError } from '../../core/errors.js';

/** What `secrets` and `show-secret` show of one secret; the CLI lays it out as Juju does. */
export interface SecretDetails extends SecretRecord {
  revisions: Array<{ revision: number; created: string; expireTime: string | null }>;
  /** With reveal: the revision's content, base64-encoded values. */
  content?: Record<string, string>;
}

const modelOwner = (controller: Controller): [kind: 'model', name: string] => ['model', controller.model().uuid];

/** A URI, or the name of one of the user's secrets. */
function userSecret(controller: Controller, ref: string): SecretRecord {
  const byName = controller.secrets.list([modelOwner(controller)]).find((s) => s.label === ref);
  if (byName) return byName;
  const secret = /^secret:|^[0-9a-v]{20}$/.test(ref) ? controller.secrets.find(secretIdOf(ref)) : undefined;
  if (!secret) throw new NotFoundError(`secret "${ref}"`);
  // The user manages only the model's secrets; a charm's are its own.
  if (secret.ownerKind !== 'model') throw new JujuSimError('permission denied');
  return secret;
}

function details(controller: Controller, secret: SecretRecord, reveal: boolean, revision?: number): SecretDetails {
  const revisions = controller.secrets.revisions(secret.id).map(({ revision: r, created, expireTime }) => ({ revision: r, created, expireTime }));
  const shown: SecretDetails = { ...secret, revisions };
  if (reveal) shown.content = controller.secrets.content(secret.id, revision ?? secret.latestRevision);
  return shown;
}

export function addSecret(controller: Controller, params: Params<'add-secret'>): Result<'add-secret'> {
  const [kind, uuid] = modelOwner(controller);
  const id = newSecretId();
  const fields = { value: params.content, label: params.name, ...(params.info === undefined ? {} : { description: params.info }) };
  controller.secrets.change(() => controller.secrets.create(id, kind, uuid, fields));
  return { uri: secretURI(id) };
}

export function updateSecret(controller: Controller, params: Params<'update-secret'>): Result<'update-secret'> {
  const secret = userSecret(controller, params.secret);
  const fields: SecretFields = {};
  if (params.content !== undefined) fields.value = params.content;
  if (params.name !== undefined) fields.label = params.name;
  if (params.info !== undefined) fields.description = params.info;
  controller.secrets.change(() => controller.secrets.update(secret.id, fields));
  return null;
}

export function removeSecret(controller: Controller, params: Params<'remove-secret'>): Result<'remove-secret'> {
  const secret = userSecret(controller, params.secret);
  controller.secrets.change(() => controller.secrets.remove(secret.id, params.revision));
  return null;
}

/** grant-secret and revoke-secret: each application, as Juju's facade does one by one. */
export function grantSecret(controller: Controller, params: Params<'grant-secret'>, grant: boolean): Result<'grant-secret'> {
  const secret = userSecret(controller, params.secret);
  const scope = `model-${controller.model().uuid}`;
  const errors: string[] = [];
  for (const application of params.applications) {
    try {
      controller.applications.get(application);
      if (grant) controller.secrets.change(() => controller.secrets.grant(secret.id, { application, scope }));
      else controller.secrets.change(() => controller.secrets.revoke(secret.id, { application }));
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  if (errors.length > 0) throw new JujuSimError(`failed to grant/revoke secret: ${errors.join(', ')}`);
  return null;
}

/** `secrets [--owner <tag>]`. */
export function listSecrets(controller: Controller, params: Params<'secrets'>): Result<'secrets'> {
  return controller.secrets
    .list()
    .filter((s) => params.owner === undefined || s.owner === params.owner)
    .map((s) => details(controller, s, false));
}

/** `show-secret <ID>|<name>`: by URI, or by label (any owner's, as Juju's filter reads it). */
export function showSecret(controller: Controller, params: Params<'show-secret'>): Result<'show-secret'> {
  const isURI = /^secret:/.test(params.secret) || /^[0-9a-v]{20}$/.test(params.secret);
  const found = controller.secrets.list().filter((s) => (isURI ? s.id === secretIdOf(params.secret) : s.label === params.secret));
  if (found.length === 0) throw new NotFoundError(`secret "${isURI ? secretIdOf(params.secret) : params.secret}"`);
  return found.map((s) => details(controller, s, params.reveal ?? false, params.revision));
}
