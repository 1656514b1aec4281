// Juju's secrets (state/secrets.go, apiserver/facades/agent/secretsmanager): each secret has an
// owner (an application, a unit, or the model for a user's secret), revisions of content, an
// owner label, and grants of read access. Each unit that reads a secret is its consumer: it
// stays on the revision it first read until it asks for the latest (--refresh), and a new
// revision tells it so (secret-changed). A revision no consumer is on any more, other than the
// latest, is obsolete: its owner is asked to remove it (secret-remove).
//
// Owners and grant subjects are Juju's tags (`application-db`, `unit-db-0`, `model-<uuid>`),
// scopes too (`relation-db.server#app.client`), so that what the tools and the CLI print is
// Juju's. Content is kept as Juju keeps it: each value base64-encoded.
import { randomBytes } from 'node:crypto';
import { JujuSimError, NotFoundError } from '../../core/errors.js';
import { now, nowToTheSecond, type Store } from './store.js';

export type SecretOwnerKind = 'application' | 'unit' | 'model';

const hour = 3_600_000;
/**
 * Juju's RotatePolicy.NextRotateTime: hourly is an hour on, the others are calendar steps
 * (Go's AddDate on a UTC time, which JavaScript's UTC setters match, overflow included: a month
 * after 31 January is 3 March).
 */
const rotateSteps: Record<string, (d: Date) => void> = {
  hourly: (d) => d.setTime(d.getTime() + hour),
  daily: (d) => d.setUTCDate(d.getUTCDate() + 1),
  weekly: (d) => d.setUTCDate(d.getUTCDate() + 7),
  monthly: (d) => d.setUTCMonth(d.getUTCMonth() + 1),
  quarterly: (d) => d.setUTCMonth(d.getUTCMonth() + 3),
  yearly: (d) => d.setUTCFullYear(d.getUTCFullYear() + 1),
};

/** Juju's RotateRetryDelay: a rotate hook that made no new revision runs again this much later. */
export const rotateRetryDelay = 5 * 60_000;

/** When a secret with this policy rotates next, counting from `from`; undefined if it never does. */
export function nextRotateTime(policy: string, from: Date): string | undefined {
  const step = rotateSteps[policy];
  if (step === undefined) return undefined;
  const next = new Date(from.getTime());
  step(next);
  return next.toISOString();
}

/** Go's time.Round(time.Second), as Juju's state stores expiry and rotation times. */
export const roundToSecond = (iso: string): string => new Date(Math.round(Date.parse(iso) / 1000) * 1000).toISOString();

/** A new rotation policy's first due time: counted from now, to the second (state's secretRotationOps). */
const rotatesFromNow = (policy: string): string | null => {
  const next = nextRotateTime(policy, new Date(now()));
  return next === undefined ? null : roundToSecond(next);
};

/** Juju's tags. */
export const applicationTag = (name: string): string => `application-${name}`;
export const unitTag = (name: string): string => `unit-${name.replace('/', '-')}`;
/** names.NewRelationTag: the key with `:` as `.` and ` ` as `#`. */
export const relationTag = (key: string): string => `relation-${key.replaceAll(':', '.').replaceAll(' ', '#')}`;

/**
 * A new secret id, as rs/xid makes them: 12 bytes (a 4-byte timestamp, then 8 random bytes
 * where xid has its machine, process and counter) in base32hex, lower case, unpadded.
 */
export function newSecretId(): string {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  randomBytes(8).copy(bytes, 4);
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out + alphabet[(value << (5 - bits)) & 31];
}

export const secretURI = (id: string): string => `secret:${id}`;

/** A secret's id from `secret:<id>`, `secret://<uuid>/<id>` or a bare id. */
export const secretIdOf = (uri: string): string => uri.replace(/^secret:(\/\/[^/]*\/)?/, '');

export interface SecretGrant {
  /** The subject's tag: `application-<app>` or `unit-<app>-<n>`. */
  target: string;
  /** `relation-<key>` for a grant to a relation, the model's tag for a user secret's. */
  scope: string;
  role: 'view' | 'manage';
}

export interface SecretRevisionRecord {
  revision: number;
  created: string;
  expireTime: string | null;
  /** No consumer is on it and it is not the latest: the owner is asked to remove it. */
  obsolete: boolean;
}

export interface SecretRecord {
  id: string;
  /** The owner's tag. */
  owner: string;
  ownerKind: SecretOwnerKind;
  /** The application or unit name, or the model's uuid. */
  ownerName: string;
  label: string;
  description: string;
  rotatePolicy: string;
  nextRotateTime: string | null;
  latestRevision: number;
  latestExpireTime: string | null;
  created: string;
  updated: string;
  grants: SecretGrant[];
}

export interface SecretConsumerRecord {
  secretId: string;
  /** The consuming unit's name. */
  consumer: string;
  label: string;
  /** The revision the consumer reads. */
  currentRevision: number;
  /** The latest revision the consumer has been told of. */
  latestRevision: number;
}

/** What creating or updating a secret may set; absent fields stay as they are. */
export interface SecretFields {
  /** key → base64 value: a new revision. */
  value?: Record<string, string>;
  label?: string;
  description?: string;
  rotatePolicy?: string;
  expireTime?: string;
}

/** Who a grant or revoke is for: a relation's application (or one of its units), or an application. */
export interface SecretSubject {
  application?: string;
  unit?: string;
  /** The scope's tag: a relation's, or the model's. */
  scope: string;
}

interface SecretRow {
  id: string;
  owner_kind: SecretOwnerKind;
  owner_name: string;
  label: string;
  description: string;
  rotate_policy: string;
  next_rotate_time: string | null;
  latest_revision: number;
  created: string;
  updated: string;
}

function ownerTag(kind: SecretOwnerKind, name: string): string {
  if (kind === 'unit') return unitTag(name);
  return kind === 'application' ? applicationTag(name) : `model-${name}`;
}

export class Secrets {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  private record(row: SecretRow): SecretRecord {
    const latest = this.db
      .prepare('SELECT expire_time FROM secret_revisions WHERE secret_id = ? AND revision = ?')
      .get(row.id, row.latest_revision) as { expire_time: string | null } | undefined;
    const grants = this.db
      .prepare('SELECT target, scope, role FROM secret_grants WHERE secret_id = ? ORDER BY target')
      .all(row.id) as SecretGrant[];
    return {
      id: row.id,
      owner: ownerTag(row.owner_kind, row.owner_name),
      ownerKind: row.owner_kind,
      ownerName: row.owner_name,
      label: row.label,
      description: row.description,
      rotatePolicy: row.rotate_policy,
      nextRotateTime: row.next_rotate_time,
      latestRevision: row.latest_revision,
      latestExpireTime: latest?.expire_time ?? null,
      created: row.created,
      updated: row.updated,
      grants,
    };
  }

  /** A change the user asked for, not a hook: in one transaction, and the unit agents are told. */
  change<T>(fn: () => T): T {
    const result = this.db.transaction(fn)();
    this.store.changed();
    return result;
  }

  /** Throws `secret "<id>" not found`. */
  get(id: string): SecretRecord {
    const row = this.db.prepare('SELECT * FROM secrets WHERE id = ?').get(id) as SecretRow | undefined;
    if (!row) throw new NotFoundError(`secret "${id}"`);
    return this.record(row);
  }

  find(id: string): SecretRecord | undefined {
    const row = this.db.prepare('SELECT * FROM secrets WHERE id = ?').get(id) as SecretRow | undefined;
    return row && this.record(row);
  }

  /** Every secret, or those of the given owners (`[kind, name]`), oldest first. */
  list(owners?: Array<[SecretOwnerKind, string]>): SecretRecord[] {
    const rows = this.db.prepare('SELECT * FROM secrets ORDER BY created, id').all() as SecretRow[];
    const wanted = owners && new Set(owners.map(([kind, name]) => ownerTag(kind, name)));
    return rows.filter((r) => !wanted || wanted.has(ownerTag(r.owner_kind, r.owner_name))).map((r) => this.record(r));
  }

  revisions(id: string): SecretRevisionRecord[] {
    const rows = this.db
      .prepare('SELECT revision, created, expire_time, obsolete FROM secret_revisions WHERE secret_id = ? ORDER BY revision')
      .all(id) as Array<{ revision: number; created: string; expire_time: string | null; obsolete: number }>;
    return rows.map((r) => ({ revision: r.revision, created: r.created, expireTime: r.expire_time, obsolete: r.obsolete === 1 }));
  }

  /** A revision's content (base64 values); throws when the revision is gone. */
  content(id: string, revision: number): Record<string, string> {
    const row = this.db.prepare('SELECT content FROM secret_revisions WHERE secret_id = ? AND revision = ?').get(id, revision) as
      | { content: string }
      | undefined;
    if (!row) throw new NotFoundError(`secret revision "${id}/${revision}"`);
    return JSON.parse(row.content) as Record<string, string>;
  }

  /** Juju's secret owner label rule: one label names one secret of an owner. */
  private checkOwnerLabel(kind: SecretOwnerKind, name: string, label: string, except?: string): void {
    const clash = this.db
      .prepare('SELECT id FROM secrets WHERE owner_kind = ? AND owner_name = ? AND label = ? AND id != ?')
      .get(kind, name, label, except ?? '');
    if (clash) {
      const what = kind === 'model' ? `user secret label "${label}"` : `secret label "${label}" for owner "${ownerTag(kind, name)}"`;
      throw new JujuSimError(`${what} already exists`);
    }
  }

  create(id: string, ownerKind: SecretOwnerKind, ownerName: string, fields: SecretFields & { value: Record<string, string> }): void {
    if (this.find(id)) throw new JujuSimError(`secret value for "${secretURI(id)}" already exists`);
    if (fields.label) this.checkOwnerLabel(ownerKind, ownerName, fields.label);
    const time = nowToTheSecond();
    const policy = fields.rotatePolicy ?? '';
    this.db
      .prepare(
        `INSERT INTO secrets (id, owner_kind, owner_name, label, description, rotate_policy, next_rotate_time, latest_revision, created, updated)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(id, ownerKind, ownerName, fields.label ?? '', fields.description ?? '', policy, rotatesFromNow(policy), time, time);
    this.addRevision(id, 1, fields.value, fields.expireTime ?? null, time);
  }

  private addRevision(id: string, revision: number, value: Record<string, string>, expireTime: string | null, time: string): void {
    this.db
      .prepare('INSERT INTO secret_revisions (secret_id, revision, content, expire_time, created) VALUES (?, ?, ?, ?, ?)')
      .run(id, revision, JSON.stringify(value), expireTime === null ? null : roundToSecond(expireTime), time);
  }

  /**
   * Juju's UpdateSecret: new content is a new revision, which every consumer is told of, and
   * the revisions no consumer is on become obsolete; an expiry goes with the new revision, or
   * to the latest one when there is no new content. A rotate policy that rotates and had no
   * next time gets one.
   */
  update(id: string, fields: SecretFields): void {
    const secret = this.get(id);
    const time = nowToTheSecond();
    if (fields.label !== undefined && fields.label !== secret.label) this.checkOwnerLabel(secret.ownerKind, secret.ownerName, fields.label, id);
    let revision = secret.latestRevision;
    if (fields.value !== undefined) {
      revision++;
      this.addRevision(id, revision, fields.value, fields.expireTime ?? null, time);
      this.db.prepare('UPDATE secret_consumers SET latest_revision = ? WHERE secret_id = ?').run(revision, id);
    } else if (fields.expireTime !== undefined) {
      this.db.prepare('UPDATE secret_revisions SET expire_time = ? WHERE secret_id = ? AND revision = ?').run(roundToSecond(fields.expireTime), id, revision);
    }
    let nextRotate = secret.nextRotateTime;
    if (fields.rotatePolicy !== undefined && fields.rotatePolicy !== secret.rotatePolicy) {
      nextRotate = rotatesFromNow(fields.rotatePolicy);
    }
    this.db
      .prepare('UPDATE secrets SET label = ?, description = ?, rotate_policy = ?, next_rotate_time = ?, latest_revision = ?, updated = ? WHERE id = ?')
      .run(
        fields.label ?? secret.label,
        fields.description ?? secret.description,
        fields.rotatePolicy ?? secret.rotatePolicy,
        nextRotate,
        revision,
        time,
        id,
      );
    if (fields.value !== undefined) this.markObsolete(id);
  }

  /** Revisions other than the latest that no consumer is on (state's markObsoleteRevisionOps). */
  private markObsolete(id: string): void {
    this.db
      .prepare(
        `UPDATE secret_revisions SET obsolete = 1 WHERE secret_id = ?
           AND revision < (SELECT latest_revision FROM secrets WHERE id = ?)
           AND revision NOT IN (SELECT current_revision FROM secret_consumers WHERE secret_id = ?)`,
      )
      .run(id, id, id);
  }

  /** Removes one revision, or the whole secret (without a revision, or its last one). */
  remove(id: string, revision?: number): void {
    const secret = this.get(id);
    if (revision !== undefined) {
      const gone = this.db.prepare('DELETE FROM secret_revisions WHERE secret_id = ? AND revision = ?').run(id, revision);
      if (gone.changes === 0) throw new NotFoundError(`revison ${revision} for secret "${secretURI(id)}"`);
      const left = this.db.prepare('SELECT 1 FROM secret_revisions WHERE secret_id = ?').get(id);
      if (left) {
        if (revision === secret.latestRevision) {
          const { latest } = this.db.prepare('SELECT MAX(revision) AS latest FROM secret_revisions WHERE secret_id = ?').get(id) as { latest: number };
          this.db.prepare('UPDATE secrets SET latest_revision = ? WHERE id = ?').run(latest, id);
        }
        return;
      }
    }
    for (const table of ['secret_revisions', 'secret_consumers', 'secret_grants']) {
      this.db.prepare(`DELETE FROM ${table} WHERE secret_id = ?`).run(id);
    }
    this.db.prepare('DELETE FROM secrets WHERE id = ?').run(id);
  }

  /** Every secret of an owner goes with it. */
  removeOwnedBy(kind: SecretOwnerKind, name: string): void {
    for (const { id } of this.list([[kind, name]])) this.remove(id);
  }

  /** A removed relation takes its grants. */
  removeScope(scope: string): void {
    this.db.prepare('DELETE FROM secret_grants WHERE scope = ?').run(scope);
  }

  /** A removed application's grants go with it. */
  removeGrantsTo(application: string): void {
    this.db.prepare('DELETE FROM secret_grants WHERE target = ?').run(applicationTag(application));
  }

  /** A removed unit takes what it consumed and its grants. */
  removeConsumer(unit: string): void {
    this.db.prepare('DELETE FROM secret_consumers WHERE consumer = ?').run(unit);
    this.db.prepare('DELETE FROM secret_grants WHERE target = ?').run(unitTag(unit));
  }

  /** Juju's secret grant: a unit grant under an application grant of the same scope adds nothing. */
  grant(id: string, subject: SecretSubject, role: 'view' | 'manage' = 'view'): void {
    this.get(id);
    const target = subject.unit !== undefined ? unitTag(subject.unit) : applicationTag(subject.application!);
    this.db
      .prepare('INSERT INTO secret_grants (secret_id, target, scope, role) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET scope = excluded.scope, role = excluded.role')
      .run(id, target, subject.scope, role);
  }

  revoke(id: string, subject: Omit<SecretSubject, 'scope'>): void {
    this.get(id);
    const target = subject.unit !== undefined ? unitTag(subject.unit) : applicationTag(subject.application!);
    this.db.prepare('DELETE FROM secret_grants WHERE secret_id = ? AND target = ?').run(id, target);
  }

  /**
   * Whether a unit may read a secret (commonsecrets.CanRead): its owner (the unit, or its
   * application), or a grant to the unit or to its application.
   */
  canRead(id: string, unit: string): boolean {
    const secret = this.get(id);
    const app = unit.split('/')[0];
    if (secret.owner === unitTag(unit) || secret.owner === applicationTag(app)) return true;
    return secret.grants.some((g) => g.target === unitTag(unit) || g.target === applicationTag(app));
  }

  consumer(id: string, unit: string): SecretConsumerRecord | undefined {
    const row = this.db.prepare('SELECT * FROM secret_consumers WHERE secret_id = ? AND consumer = ?').get(id, unit) as
      | { secret_id: string; consumer: string; label: string; current_revision: number; latest_revision: number }
      | undefined;
    return (
      row && { secretId: row.secret_id, consumer: row.consumer, label: row.label, currentRevision: row.current_revision, latestRevision: row.latest_revision }
    );
  }

  /** The secrets a unit consumes. */
  consumed(unit: string): SecretConsumerRecord[] {
    const ids = this.db.prepare('SELECT secret_id FROM secret_consumers WHERE consumer = ? ORDER BY secret_id').all(unit) as Array<{ secret_id: string }>;
    return ids.map(({ secret_id }) => this.consumer(secret_id, unit)!);
  }

  /** The secret a consumer labelled so; throws `consumer label "<label>" not found`. */
  byConsumerLabel(unit: string, label: string): string {
    const row = this.db.prepare('SELECT secret_id FROM secret_consumers WHERE consumer = ? AND label = ?').get(unit, label) as
      | { secret_id: string }
      | undefined;
    if (!row) throw new NotFoundError(`consumer label "${label}"`);
    return row.secret_id;
  }

  /**
   * Juju's SaveSecretConsumer: the consumer's revision and label; a revision it leaves that no
   * other consumer is on becomes obsolete.
   */
  saveConsumer(record: SecretConsumerRecord): void {
    if (record.label !== '') {
      const clash = this.db
        .prepare('SELECT 1 FROM secret_consumers WHERE consumer = ? AND label = ? AND secret_id != ?')
        .get(record.consumer, record.label, record.secretId);
      if (clash) throw new JujuSimError(`secret label "${record.label}" for consumer "${unitTag(record.consumer)}" already exists`);
    }
    this.db
      .prepare(
        `INSERT INTO secret_consumers (secret_id, consumer, label, current_revision, latest_revision) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET label = excluded.label, current_revision = excluded.current_revision, latest_revision = excluded.latest_revision`,
      )
      .run(record.secretId, record.consumer, record.label, record.currentRevision, record.latestRevision);
    this.markObsolete(record.secretId);
  }

  /** The secrets a unit owns, with its application's when it leads (GetSecretMetadata). */
  ownedBy(unit: string, leader: boolean): SecretRecord[] {
    const owners: Array<[SecretOwnerKind, string]> = [['unit', unit]];
    if (leader) owners.push(['application', unit.split('/')[0]]);
    return this.list(owners);
  }

  /**
   * What secret-get reads (secretsmanager getSecretContent): a secret of the unit or of its
   * application by URI or owner label, any other by URI or the unit's consumer label. With both
   * a URI and a label, the label is the owner's new label (the owner, or its leader) or the
   * consumer's. The reader is a consumer: the revision it reads is recorded at once, as Juju's
   * facade saves it, whatever becomes of the hook.
   */
  read(unit: string, leader: boolean, uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string> {
    if (uri === undefined && label === '') throw new JujuSimError('both uri and label are empty');
    let id = uri === undefined ? undefined : secretIdOf(uri);
    let labelToUpdate = id !== undefined && label !== '' ? label : undefined;
    const app = unit.split('/')[0];
    const owned = this.list([['unit', unit], ['application', app]]).find((s) => (id !== undefined ? s.id === id : s.label === label));
    if (owned) {
      if (labelToUpdate !== undefined && labelToUpdate !== owned.label && (owned.ownerKind === 'unit' || leader)) {
        this.update(owned.id, { label: labelToUpdate });
      }
      id = owned.id;
      labelToUpdate = undefined;
    }
    id ??= this.byConsumerLabel(unit, label);
    if (!this.canRead(id, unit)) throw new JujuSimError('permission denied');
    return this.content(id, this.consumedRevision(id, unit, refresh, peek, labelToUpdate));
  }

  /** secretsmanager getConsumedRevision: a first read, or --refresh, moves the consumer to the latest revision. */
  private consumedRevision(id: string, unit: string, refresh: boolean, peek: boolean, label?: string): number {
    const existing = this.consumer(id, unit);
    const info = existing ?? { secretId: id, consumer: unit, label: '', currentRevision: 0, latestRevision: 0 };
    const track = refresh || existing === undefined;
    let revision = info.currentRevision;
    if (track || peek) {
      const latest = this.get(id).latestRevision;
      info.latestRevision = latest;
      if (track) info.currentRevision = latest;
      revision = latest;
    }
    if (track || label !== undefined) {
      if (label !== undefined) info.label = label;
      this.saveConsumer(info);
    }
    return revision;
  }

  /**
   * A rotate hook has run (SecretsRotated): the next rotation is an interval after the one due,
   * or after RotateRetryDelay if the hook made no new revision, or sooner if the latest revision
   * expires first.
   */
  rotated(id: string, originalRevision: number): void {
    const secret = this.find(id);
    // A secret set to rotate no more since (RotatePolicy.WillRotate).
    if (!secret || !(secret.rotatePolicy in rotateSteps)) return;
    const last = new Date(secret.nextRotateTime ?? now());
    let next = nextRotateTime(secret.rotatePolicy, last)!;
    const forced = new Date(last.getTime() + rotateRetryDelay).toISOString();
    const expiry = secret.latestExpireTime;
    const willExpire = expiry !== null && expiry < next;
    if ((willExpire && forced < expiry) || secret.latestRevision === originalRevision) next = forced;
    this.db.prepare('UPDATE secrets SET next_rotate_time = ? WHERE id = ?').run(next, id);
  }

  /** The earliest rotation or expiry after `after`, for the model's timer: what is due already, the agents see. */
  nextTrigger(after: string = now()): string | undefined {
    const row = this.db
      .prepare(
        `SELECT MIN(t) AS t FROM (
           SELECT next_rotate_time AS t FROM secrets WHERE next_rotate_time > ?
           UNION ALL SELECT expire_time AS t FROM secret_revisions WHERE expire_time > ? AND expired = 0)`,
      )
      .get(after, after) as { t: string | null };
    return row.t ?? undefined;
  }

  /** A secret-expired hook has run for the revision: it is not due again (Juju's ExpireRevisionCompleted). */
  expired(id: string, revision: number): void {
    this.db.prepare('UPDATE secret_revisions SET expired = 1 WHERE secret_id = ? AND revision = ?').run(id, revision);
  }

  /** Revisions whose expiry has come and whose secret-expired hook has not run, as `[id, revision]`. */
  dueExpiries(ids: string[], at: string): Array<[string, number]> {
    const due: Array<[string, number]> = [];
    const query = this.db.prepare('SELECT revision FROM secret_revisions WHERE secret_id = ? AND expired = 0 AND expire_time IS NOT NULL AND expire_time <= ? ORDER BY revision');
    for (const id of ids) for (const { revision } of query.all(id, at) as Array<{ revision: number }>) due.push([id, revision]);
    return due;
  }
}
