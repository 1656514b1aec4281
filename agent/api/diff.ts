// `diff N [M]`. Alone, N is what hook run N changed, as its journal entry has it: its databags,
// charm state, ports and secrets, committed or (the hook failed) discarded, and what it changed
// at once (leader settings, statuses), which no failure discards. With M, the net change of the
// model from after run N to after run M, both rebuilt from the timeline (controller/timeline.ts):
// relations added or removed, each databag as `show` shows it, leader settings, statuses.
import { unitApplication } from '../../core/names.js';
import type { Controller } from '../controller/controller.js';
import { mapChanges, sameStatus } from '../controller/hook-diff.js';
import type { DatabagChange, HookDiff, KeyChange, StatusChange, StatusSummary } from '../controller/records.js';
import type { ModelSnapshot, PastRelation } from '../controller/timeline.js';
import { entityNotFound } from '../../core/errors.js';

/** A relation there at one end of a diff and not at the other. */
export interface RelationChange {
  id: number;
  interface: string;
  /** `application:endpoint`, as the relation's key has them. */
  endpoints: string[];
  change: 'added' | 'removed';
}

export interface ModelDiff {
  /** `diff N`: the run, and what became of its buffered changes (null: it buffered none). */
  run?: { seq: number; unit: string; hook: string; outcome: string; fate: HookDiff['fate'] | null };
  /** `diff N M`: the runs after which the model is compared. */
  from?: number;
  to?: number;
  relations?: RelationChange[];
  databags?: DatabagChange[];
  leaderSettings?: Array<{ application: string; keys: KeyChange[] }>;
  statuses?: StatusChange[];
  charmState?: KeyChange[];
  openedPorts?: string[];
  closedPorts?: string[];
  secrets?: string[];
}

/** What one run changed, from its journal entry. */
function runDiff(controller: Controller, seq: number): ModelDiff {
  const run = controller.history.hookRun(seq);
  if (!run) throw entityNotFound('hook run', String(seq));
  const { fate, applied, ...buffered } = run.changes ?? { fate: null };
  const diff: ModelDiff = { run: { seq, unit: run.unit, hook: run.hook, outcome: run.outcome, fate: Object.keys(buffered).length > 0 ? fate : null } };
  Object.assign(diff, buffered);
  if (applied?.leaderSettings) diff.leaderSettings = [{ application: unitApplication(run.unit)!, keys: applied.leaderSettings }];
  if (applied?.statuses) diff.statuses = applied.statuses;
  return diff;
}

/** The databags `show` shows of a relation: each endpoint's application's, then each unit's in scope. */
const shownBags = (r: PastRelation | undefined): string[] => (r ? [...r.endpoints.map((e) => e.application), ...r.scope] : []);

/** Each entity of either map whose value differs, by name; `compare` says what differs. */
function changed<V, C>(before: Map<string, V>, after: Map<string, V>, compare: (name: string, old?: V, next?: V) => C | undefined): C[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.map((n) => compare(n, before.get(n), after.get(n))).filter((c): c is C => c !== undefined);
}

/** The net change from one snapshot to another. */
export function snapshotDiff(before: ModelSnapshot, after: ModelSnapshot): Omit<ModelDiff, 'run' | 'from' | 'to'> {
  const diff: ModelDiff = {};
  const ids = [...new Set([...before.relations.keys(), ...after.relations.keys()])].sort((a, b) => a - b);
  const relations: RelationChange[] = [];
  const databags: DatabagChange[] = [];
  for (const id of ids) {
    const [was, is] = [before.relations.get(id), after.relations.get(id)];
    if (!was || !is) {
      const r = (was ?? is)!;
      relations.push({ id, interface: r.interface, endpoints: r.key.split(' '), change: was ? 'removed' : 'added' });
    }
    const [old, next] = [shownBags(was), shownBags(is)];
    for (const holder of [...new Set([...old, ...next])]) {
      const bag = (r: PastRelation | undefined, shown: string[]): Record<string, string> => (shown.includes(holder) ? (r!.databags.get(holder) ?? {}) : {});
      const keys = mapChanges(bag(was, old), bag(is, next));
      if (keys.length > 0) databags.push({ relationId: id, holder, kind: holder.includes('/') ? 'unit' : 'application', keys });
    }
  }
  if (relations.length > 0) diff.relations = relations;
  if (databags.length > 0) diff.databags = databags;
  const leaderSettings = changed(before.leaderSettings, after.leaderSettings, (application, old, next) => {
    const keys = mapChanges(old ?? {}, next ?? {});
    return keys.length > 0 ? { application, keys } : undefined;
  });
  if (leaderSettings.length > 0) diff.leaderSettings = leaderSettings;
  const status =
    (kind: StatusChange['kind']) =>
    (entity: string, old?: StatusSummary | null, next?: StatusSummary | null): StatusChange | undefined =>
      sameStatus(old ?? undefined, next ?? undefined) ? undefined : { entity, kind, ...(old ? { old } : {}), ...(next ? { new: next } : {}) };
  const statusOf = (s: ModelSnapshot): Map<string, StatusSummary | null> => new Map([...s.applications].map(([name, a]) => [name, a.status]));
  const statuses = [
    ...changed(statusOf(before), statusOf(after), status('application')),
    ...changed(before.workloadStatuses, after.workloadStatuses, status('workload')),
  ];
  if (statuses.length > 0) diff.statuses = statuses;
  return diff;
}

export function modelDiff(controller: Controller, from: number, to?: number): ModelDiff {
  if (to === undefined) return runDiff(controller, from);
  return { from, to, ...snapshotDiff(controller.timeline.afterRun(from), controller.timeline.afterRun(to)) };
}
