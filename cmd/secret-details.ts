// How `secrets` and `show-secret` lay out the daemon's secret details, as Juju's
// cmd/juju/secrets (list.go) does: one entry per secret id, fields in Juju's order, empty ones
// left out; a user's (model-owned) secret shows its label as its name, and owner `<model>`.
import type { SecretDetails } from '../agent/control/protocol.js';
import { decodeSecretContent } from '../core/secret-content.js';
import { formatJson, formatYaml, GoStruct, GoTime, type GoValue } from '../core/format.js';
import { formatISOAsRFC3339Nano } from '../core/go-time.js';

export type SecretsFormat = 'tabular' | 'yaml' | 'json';

/** time.Time as Go prints it: RFC 3339 with the fraction's trailing zeros dropped. */
const goTime = (iso: string): GoTime => new GoTime(formatISOAsRFC3339Nano(iso));

/** A tag's id, as names.ParseTag(...).Id() gives it; the model as `<model>`. */
function ownerId(tag: string): string {
  if (tag.startsWith('model-')) return '<model>';
  if (tag.startsWith('application-')) return tag.slice('application-'.length);
  return tag.slice('unit-'.length).replace(/-(\d+)$/, '/$1');
}

interface Shown {
  /** Show the grants (show-secret). */
  access: boolean;
  revisions: boolean;
  format: 'yaml' | 'json';
}

function display(s: SecretDetails, shown: Shown): GoStruct {
  const userSecret = s.owner.startsWith('model-');
  const fields: Array<[string, GoValue]> = [['revision', s.latestRevision]];
  if (s.latestExpireTime !== null) fields.push(['expires', goTime(s.latestExpireTime)]);
  if (s.rotatePolicy !== '') fields.push(['rotation', s.rotatePolicy]);
  if (s.nextRotateTime !== null) fields.push(['rotates', goTime(s.nextRotateTime)]);
  fields.push(['owner', ownerId(s.owner)]);
  if (s.description !== '') fields.push(['description', s.description]);
  if (userSecret && s.label !== '') fields.push(['name', s.label]);
  if (!userSecret && s.label !== '') fields.push(['label', s.label]);
  fields.push(['created', goTime(s.created)], ['updated', goTime(s.updated)]);
  if (s.content !== undefined) {
    const values = Object.fromEntries(Object.entries(decodeSecretContent(s.content)).map(([k, v]) => [k, v.toString('utf8')]));
    // The data is an inline field: yaml.v2 flattens it, encoding/json keeps its Go name.
    fields.push(['content', shown.format === 'json' ? { Data: values } : values]);
  }
  if (shown.revisions && s.revisions.length > 0) {
    const revision = (r: SecretDetails['revisions'][number]): GoStruct => {
      const rev: Array<[string, GoValue]> = [['revision', r.revision], ['created', goTime(r.created)], ['updated', goTime(r.created)]];
      if (r.expireTime !== null) rev.push(['expires', goTime(r.expireTime)]);
      return new GoStruct(rev);
    };
    fields.push(['revisions', s.revisions.map(revision)]);
  }
  if (shown.access && s.grants.length > 0) {
    fields.push(['access', s.grants.map((a) => new GoStruct([['target', a.target], ['scope', a.scope], ['role', a.role]]))]);
  }
  return new GoStruct(fields);
}

/** Juju's UserFriendlyDuration. */
function age(iso: string, now: Date): string {
  const seconds = (now.getTime() - Date.parse(iso)) / 1000;
  const ago = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (seconds >= 24 * 3600) return iso.slice(0, 10);
  if (seconds >= 3600) return ago(Math.floor(seconds / 3600), 'hour');
  if (seconds >= 60) return ago(Math.floor(seconds / 60), 'minute');
  return seconds >= 2 ? `${Math.floor(seconds)} seconds ago` : 'just now';
}

/** Juju's formatSecretsTabular: by owner, then latest revision first; the revision column aligned right. */
function tabular(secrets: SecretDetails[], now: Date): string {
  const sorted = [...secrets].sort((a, b) => {
    const [oa, ob] = [ownerId(a.owner), ownerId(b.owner)];
    if (oa !== ob) return oa < ob ? -1 : 1;
    return b.latestRevision - a.latestRevision;
  });
  const rows = [['ID', 'Name', 'Owner', 'Rotation', 'Revision', 'Last updated']];
  for (const s of sorted) {
    const name = s.owner.startsWith('model-') && s.label !== '' ? s.label : '-';
    rows.push([s.id, name, ownerId(s.owner), s.rotatePolicy, String(s.latestRevision), age(s.updated, now)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === 4 ? cell.padStart(widths[i]) : i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return `${rows.map(line).join('\n')}\n`;
}

/** The details as the format prints them; `secrets` shows no grants, `show-secret` does. */
export function renderSecrets(secrets: SecretDetails[], format: SecretsFormat, options: { access: boolean; revisions: boolean }): string {
  if (format === 'tabular') return tabular(secrets, new Date());
  const byId: Record<string, GoValue> = {};
  for (const s of secrets) byId[s.id] = display(s, { ...options, format });
  return `${(format === 'json' ? formatJson(byId) : formatYaml(byId)).toString()}\n`;
}
