// What a hook changed at once (leader-set, status-set), gathered as it goes for its history:
// each key and each status from where it was before the hook's first change of it to where the
// last one left it. None of it waits for the commit, so none of it is discarded.
import { combineKeyChanges, combineStatusChanges } from '../controller/hook-diff.js';
import type { AppliedChanges, KeyChange, StatusChange } from '../controller/records.js';

export class AppliedChangesLog {
  private leaderSettings: KeyChange[] = [];
  private readonly statuses = new Map<string, StatusChange>();

  leaderSet(changes: KeyChange[]): void {
    this.leaderSettings = combineKeyChanges(this.leaderSettings, changes);
  }

  statusSet(change: StatusChange): void {
    const key = `${change.kind} ${change.entity}`;
    const combined = combineStatusChanges(this.statuses.get(key), change);
    if (combined) this.statuses.set(key, combined);
    else this.statuses.delete(key);
  }

  /** What changed, or undefined when nothing did (or all came back). */
  changes(): AppliedChanges | undefined {
    const applied: AppliedChanges = {};
    if (this.leaderSettings.length > 0) applied.leaderSettings = this.leaderSettings;
    if (this.statuses.size > 0) applied.statuses = [...this.statuses.values()];
    return Object.keys(applied).length > 0 ? applied : undefined;
  }
}
