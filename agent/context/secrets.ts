// A hook context's secrets (Juju's HookContext secret methods and its secretChanges): reads
// go to the controller, which records at once what a consumer has read, as Juju's facade does;
// secret-add, secret-set, secret-remove, secret-grant and secret-revoke are buffered and
// committed with the hook's other changes, or discarded with them. A new secret's URI is
// allocated at once, and the hook sees its own pending secrets.
import type { ContextSecrets, SecretAccess, SecretMetadata, SecretUpsert } from '../../core/hook-context.js';
import { JujuSimError, NotFoundError } from '../../core/errors.js';
import { formatISOAsRFC3339Nano as goTime } from '../../core/go-time.js';
import { goQuote } from '../../core/gnuflag.js';
import type { SecretAccessChange, SecretChanges } from '../controller/records.js';
import {
  applicationTag,
  newSecretId,
  relationTag,
  secretIdOf,
  secretURI,
  unitTag,
  type SecretFields,
  type SecretRecord,
} from '../controller/secrets.js';
import type { HookContextAPI } from '../controller/uniter-api.js';

/** What the buffer needs of its hook context. */
export interface SecretsHost {
  controller: HookContextAPI;
  unitName(): string;
  isLeader(): boolean;
}

const notLeader = (): JujuSimError => new JujuSimError('this unit is not the leader');

/** The upsert's fields as the controller stores them: expiry times normalised to UTC. */
function fieldsOf(args: SecretUpsert): SecretFields {
  const fields: SecretFields = {};
  if (args.value !== undefined) fields.value = args.value;
  if (args.label !== undefined) fields.label = args.label;
  if (args.description !== undefined) fields.description = args.description;
  if (args.rotatePolicy !== undefined) fields.rotatePolicy = args.rotatePolicy;
  if (args.expireTime !== undefined) fields.expireTime = new Date(args.expireTime).toISOString();
  return fields;
}

const sameContent = (a: Record<string, string>, b: Record<string, string>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export class SecretBuffer implements ContextSecrets {
  private owned?: Map<string, SecretRecord>;
  private readonly creates = new Map<string, SecretChanges['creates'][number]>();
  private readonly updates = new Map<string, SecretFields>();
  /** One pending removal per secret, the latest asked for, as Juju's secretsChangeRecorder keeps it. */
  private readonly removes = new Map<string, SecretChanges['removes'][number]>();
  private grants: SecretAccessChange[] = [];
  private revokes: SecretAccessChange[] = [];

  constructor(private readonly host: SecretsHost) {}

  /** The secrets the unit (and, leading, its application) owned when the hook first asked. */
  private ownedSecrets(): Map<string, SecretRecord> {
    this.owned ??= new Map(this.host.controller.ownedSecrets(this.host.unitName(), this.host.isLeader()).map((s) => [s.id, s]));
    return this.owned;
  }

  /** Juju checks leadership in the context for an application's secret it knows. */
  private requireLeaderFor(id: string): void {
    if (this.ownedSecrets().get(id)?.ownerKind === 'application' && !this.host.isLeader()) throw notLeader();
  }

  getSecret(uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string> {
    const pending = this.pendingValue(uri === undefined ? undefined : secretIdOf(uri), label, refresh, peek);
    if (pending) return pending;
    let target = uri;
    let readLabel = label;
    if (target === undefined) {
      // An owner label of this hook's own making names its secret.
      const id = [...this.updates].find(([, u]) => u.label === label)?.[0];
      if (id !== undefined) {
        target = secretURI(id);
        readLabel = '';
      }
    }
    return this.host.controller.readSecret(this.host.unitName(), this.host.isLeader(), target, readLabel, refresh, peek);
  }

  /**
   * Juju's getPendingSecretValue: a secret created in this hook is read from the buffer (a label
   * given with its URI becomes its label); new content of this hook's is read with --refresh
   * or --peek.
   */
  private pendingValue(id: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string> | undefined {
    for (const create of this.creates.values()) {
      if (id === create.id) {
        if (label !== '') create.fields.label = label;
        return create.fields.value;
      }
      if (id === undefined && label !== '' && create.fields.label === label) return create.fields.value;
    }
    if (!refresh && !peek) return undefined;
    for (const [updated, fields] of this.updates) {
      if (id === updated || (id === undefined && label !== '' && fields.label === label)) {
        if (id !== undefined && label !== '') fields.label = label;
        if (fields.value) return fields.value;
      }
    }
    return undefined;
  }

  createSecret(args: SecretUpsert): string {
    const owner = args.owner ?? 'application';
    if (owner === 'application' && !this.host.isLeader()) throw notLeader();
    const fields = fieldsOf(args);
    if (fields.value === undefined || Object.keys(fields.value).length === 0) throw new JujuSimError('empty secrte content not valid');
    // Juju's secretsChangeRecorder.create: a label one of this hook's new secrets already has
    // is refused at once (an owned secret's, saved before, only when the hook commits).
    if (fields.label !== undefined && [...this.creates.values()].some((c) => c.fields.label === fields.label)) {
      throw new JujuSimError(`secret with label ${goQuote(fields.label)} already exists`);
    }
    const id = newSecretId();
    this.creates.set(id, { id, owner, fields: { ...fields, value: fields.value } });
    return secretURI(id);
  }

  /**
   * Juju's UpdateSecret: content equal to the latest revision's makes no new revision, and an
   * update replaces what an earlier one in the hook asked for.
   */
  updateSecret(uri: string, args: SecretUpsert): void {
    const id = secretIdOf(uri);
    this.requireLeaderFor(id);
    const fields = fieldsOf(args);
    const known = this.ownedSecrets().get(id);
    if (fields.value !== undefined && known && sameContent(fields.value, this.host.controller.secretContent(id, known.latestRevision))) {
      delete fields.value;
    }
    if (Object.keys(fields).length === 0) return;
    const create = this.creates.get(id);
    if (create) {
      create.fields = { ...create.fields, ...fields };
      return;
    }
    // Juju's secretsChangeRecorder keeps one pending update per secret: the latest replaces it,
    // and takes back a removal asked for before it.
    this.removes.delete(id);
    this.updates.set(id, fields);
  }

  /**
   * Juju's secretsChangeRecorder.remove: the secret's pending update, grants and revokes go, and
   * its removal replaces any asked for before; until the commit the unit sees the secret no more
   * (SecretMetadata skips it, whichever revision goes).
   */
  removeSecret(uri: string, revision?: number): void {
    const id = secretIdOf(uri);
    this.requireLeaderFor(id);
    this.updates.delete(id);
    this.grants = this.grants.filter((g) => g.id !== id);
    this.revokes = this.revokes.filter((r) => r.id !== id);
    this.removes.set(id, revision === undefined ? { id } : { id, revision });
  }

  /** Juju's GrantSecret: a grant already covered by the same or an application's grant adds nothing. */
  grantSecret(uri: string, access: SecretAccess): void {
    const id = secretIdOf(uri);
    const md = this.secretMetadata()[id];
    if (md === undefined) throw new NotFoundError(`secret "${id}"`);
    if (md.owner === 'application' && !this.host.isLeader()) throw notLeader();
    const target = access.unitName !== undefined ? unitTag(access.unitName) : applicationTag(access.applicationName!);
    const scope = this.scopeOf(access.relationId!);
    for (const grant of md.access) {
      if (grant.scope !== scope || grant.role !== 'view') continue;
      if (grant.target === target || grant.target.startsWith('application-')) return;
      if (access.unitName === undefined) {
        throw new JujuSimError('any unit level grants need to be revoked before granting access to the corresponding application');
      }
    }
    this.grants.push(this.change(id, access));
  }

  revokeSecret(uri: string, access: SecretAccess): void {
    const id = secretIdOf(uri);
    this.requireLeaderFor(id);
    this.revokes.push(this.change(id, access));
  }

  private change(id: string, access: SecretAccess): SecretAccessChange {
    const change: SecretAccessChange = { id };
    if (access.relationId !== undefined) change.relationId = access.relationId;
    if (access.applicationName !== undefined) change.application = access.applicationName;
    if (access.unitName !== undefined) change.unit = access.unitName;
    return change;
  }

  private scopeOf(relationId: number): string {
    const app = this.host.unitName().split('/')[0];
    const relation = this.host.controller.relationsOf(app).find((r) => r.id === relationId);
    if (!relation) throw new NotFoundError('relation');
    return relationTag(relation.key);
  }

  /** The owned secrets with this hook's pending creates, updates, removals, grants and revokes. */
  secretMetadata(): Record<string, SecretMetadata> {
    const result: Record<string, SecretMetadata> = {};
    for (const { id, owner, fields } of this.creates.values()) {
      result[id] = {
        id,
        owner,
        label: fields.label ?? '',
        description: fields.description ?? '',
        rotatePolicy: fields.rotatePolicy ?? '',
        latestRevision: 1,
        ...(fields.expireTime === undefined ? {} : { latestExpireTime: goTime(fields.expireTime) }),
        access: [],
      };
    }
    for (const secret of this.ownedSecrets().values()) {
      if (this.removes.has(secret.id)) continue;
      const update = this.updates.get(secret.id) ?? {};
      const expiry = update.expireTime ?? secret.latestExpireTime ?? undefined;
      result[secret.id] = {
        id: secret.id,
        owner: secret.ownerKind === 'unit' ? 'unit' : 'application',
        label: update.label ?? secret.label,
        description: update.description ?? secret.description,
        rotatePolicy: update.rotatePolicy ?? secret.rotatePolicy,
        latestRevision: secret.latestRevision,
        ...(expiry === undefined ? {} : { latestExpireTime: goTime(expiry) }),
        ...(secret.nextRotateTime === null ? {} : { nextRotateTime: goTime(secret.nextRotateTime) }),
        access: secret.grants.map(({ target, scope, role }) => ({ target, scope, role })),
      };
    }
    for (const grant of this.grants) {
      const md = result[grant.id];
      const target = grant.unit !== undefined ? unitTag(grant.unit) : applicationTag(grant.application!);
      if (md && !md.access.some((a) => a.target === target)) md.access.push({ target, scope: this.scopeOf(grant.relationId!), role: 'view' });
    }
    for (const revoke of this.revokes) {
      const md = result[revoke.id];
      const target = revoke.unit !== undefined ? unitTag(revoke.unit) : applicationTag(revoke.application!);
      if (md) md.access = md.access.filter((a) => a.target !== target);
    }
    return result;
  }

  /** What the hook buffered, or undefined when nothing. */
  pending(): SecretChanges | undefined {
    const changes: SecretChanges = {
      creates: [...this.creates.values()],
      updates: [...this.updates].map(([id, fields]) => ({ id, fields })),
      grants: this.grants,
      revokes: this.revokes,
      removes: [...this.removes.values()],
    };
    return Object.values(changes).some((list) => list.length > 0) ? changes : undefined;
  }
}
