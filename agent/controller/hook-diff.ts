// What a hook's commit changes, key by key, as its history records it: the relation databags,
// the charm's state, the ports and the secrets. It is worked out against the stored state before
// the commit writes anything, in the commit's transaction; a hook that fails gets the same diff
// of what it had buffered, recorded as discarded. A hook that buffered nothing costs nothing.
// What the hook changed at once (leader settings, statuses) its context collected as it went.
import { secretURI } from './secrets.js';
import type { HookChanges, HookDiff, KeyChange, PortChange, StatusChange, StatusSummary } from './records.js';
import type { Relations } from './relations.js';
import { keyChanges, type Settings } from './settings.js';
import type { Units } from './units.js';

/** What a hook's diff reads of the controller. */
export interface DiffSources {
  relations: Relations;
  settings: Settings;
  units: Units;
}

/** Each key that differs between two whole databags, by key. */
export function mapChanges(old: Record<string, string>, next: Record<string, string>): KeyChange[] {
  const deleted = Object.fromEntries(Object.keys(old).filter((k) => !(k in next)).map((k) => [k, '']));
  return keyChanges(old, { ...deleted, ...next });
}

/** Two changes one after the other as one: each key from its first old to its last new, unless it came back. */
export function combineKeyChanges(earlier: KeyChange[], later: KeyChange[]): KeyChange[] {
  const byKey = new Map(earlier.map((c) => [c.key, c]));
  for (const c of later) {
    const first = byKey.get(c.key);
    byKey.set(c.key, first ? { key: c.key, ...(first.old === undefined ? {} : { old: first.old }), ...(c.new === undefined ? {} : { new: c.new }) } : c);
  }
  return [...byKey.values()].filter((c) => c.old !== c.new).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether two statuses (either perhaps not set) are the same, their times aside. */
export const sameStatus = (a: StatusSummary | undefined, b: StatusSummary | undefined): boolean => a?.status === b?.status && a?.message === b?.message;

/** A status change after another of the same entity as one; undefined when it came back where it was. */
export function combineStatusChanges(earlier: StatusChange | undefined, later: StatusChange): StatusChange | undefined {
  const combined = earlier ? { ...later, ...(earlier.old ? { old: earlier.old } : {}) } : later;
  if (earlier && !earlier.old) delete combined.old;
  return sameStatus(combined.old, combined.new) ? undefined : combined;
}

const port = (p: PortChange): string => `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}${p.endpoint === '' ? '' : ` (${p.endpoint})`}`;

/** The diff of `changes` over the model as it is now; null when the hook changed nothing. */
export function hookDiff(
  model: DiffSources,
  changes: HookChanges,
  fate: HookDiff['fate'],
): HookDiff | null {
  const diff: HookDiff = { fate };
  const application = changes.unit.split('/')[0];
  for (const r of changes.relations) {
    if (!model.relations.exists(r.relationId)) continue;
    const bags: Array<[string, 'unit' | 'application', Record<string, string> | undefined]> = [
      [changes.unit, 'unit', r.unitSettings],
      [application, 'application', r.applicationSettings],
    ];
    for (const [holder, kind, settings] of bags) {
      if (!settings) continue;
      const stored = kind === 'unit' ? model.settings.unitDatabag(r.relationId, holder) : model.settings.applicationDatabag(r.relationId, holder);
      const keys = keyChanges(stored.data, settings);
      if (keys.length > 0) (diff.databags ??= []).push({ relationId: r.relationId, holder, kind, keys });
    }
  }
  if (changes.charmState) {
    const keys = mapChanges(model.units.charmState(changes.unit), changes.charmState);
    if (keys.length > 0) diff.charmState = keys;
  }
  if (changes.openPorts?.length || changes.closePorts?.length) {
    const open = new Set(model.units.openedPorts(changes.unit).map(port));
    const opened = (changes.openPorts ?? []).map(port).filter((p) => !open.has(p));
    const closed = (changes.closePorts ?? []).map(port).filter((p) => open.has(p));
    if (opened.length > 0) diff.openedPorts = opened;
    if (closed.length > 0) diff.closedPorts = closed;
  }
  const s = changes.secrets;
  if (s) {
    const to = (a: { application?: string; unit?: string }): string => a.unit ?? a.application ?? '';
    const secrets = [
      ...s.creates.map((c) => `created ${secretURI(c.id)}`),
      ...s.updates.map((u) => `updated ${secretURI(u.id)}`),
      ...s.grants.map((g) => `granted ${secretURI(g.id)} to ${to(g)}`),
      ...s.revokes.map((r) => `revoked ${secretURI(r.id)} from ${to(r)}`),
      ...s.removes.map((r) => `removed ${secretURI(r.id)}${r.revision === undefined ? '' : ` revision ${r.revision}`}`),
    ];
    if (secrets.length > 0) diff.secrets = secrets;
  }
  if (changes.applied) diff.applied = changes.applied;
  return Object.keys(diff).length > 1 ? diff : null;
}
