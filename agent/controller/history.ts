// The model's log (juju-log, hook output, the unit agents' own lines) and the history of hook
// and action runs, each with the hook tools it called.
import type { HookDiff, HookRun, HookRunRecord, LogRecord } from './records.js';
import { now, parseJson, type Store } from './store.js';

export class History {
  constructor(private readonly store: Store) {}

  appendLog(entity: string, level: string, module: string, message: string): void {
    this.store.db
      .prepare('INSERT INTO logs (time, entity, level, module, message) VALUES (?, ?, ?, ?, ?)')
      .run(now(), entity, level, module, message);
  }

  /** Log records in order. */
  logs(): LogRecord[] {
    return this.store.db.prepare('SELECT * FROM logs ORDER BY seq').all() as LogRecord[];
  }

  /** Records the run as ending here: the model as it is now is the model after it (Timeline). */
  recordHookRun(run: HookRun, changes: HookDiff | null = null): void {
    this.store.db
      .prepare(
        `INSERT INTO hook_runs (unit, hook, relation_id, remote_unit, remote_app, departing_unit, outcome, code, started, ms, tool_calls, changes, timeline_seq)
         VALUES (@unit, @hook, @relationId, @remoteUnit, @remoteApp, @departingUnit, @outcome, @code, @started, @ms, @toolCalls, @changes,
           (SELECT ifnull(max(seq), 0) FROM timeline))`,
      )
      .run({ ...run, toolCalls: JSON.stringify(run.toolCalls), changes: changes && JSON.stringify(changes) });
    this.store.recorded();
  }

  /**
   * The unit's last run ends here, after the steps of its operation that follow the commit
   * (leaving scope after relation-broken, Juju's statuses after start, stop and remove). Its
   * operation runs to its end in one go, so nothing of any other run comes in between.
   */
  runEnded(unit: string): void {
    this.store.db
      .prepare('UPDATE hook_runs SET timeline_seq = (SELECT ifnull(max(seq), 0) FROM timeline) WHERE seq = (SELECT max(seq) FROM hook_runs WHERE unit = ?)')
      .run(unit);
  }

  /** Every run in order, or one unit's; only those after the run `after` when given. */
  hookRuns(unit?: string, after = 0): HookRunRecord[] {
    const rows = this.store.db
      .prepare(`${runColumns} WHERE seq > @after AND (@unit IS NULL OR unit = @unit) ORDER BY seq`)
      .all({ unit: unit ?? null, after }) as StoredRun[];
    return rows.map(toRun);
  }

  /**
   * One run, with what its process wrote: the unit's log lines of the run's module while it
   * ran (a unit runs one hook at a time, so they are this run's). Undefined if there is none.
   */
  hookRun(seq: number): (HookRunRecord & { output: HookOutputLine[] }) | undefined {
    const row = this.store.db.prepare(`${runColumns} WHERE seq = ?`).get(seq) as StoredRun | undefined;
    if (!row) return undefined;
    const run = toRun(row);
    const ended = new Date(Date.parse(run.started) + run.ms + 1).toISOString();
    const lines = this.store.db
      .prepare('SELECT level, message FROM logs WHERE entity = ? AND module = ? AND time >= ? AND time <= ? ORDER BY seq')
      .all(`unit-${run.unit.replace('/', '-')}`, `unit.${run.unit}.${run.hook}`, run.started, ended) as Array<{ level: string; message: string }>;
    return { ...run, output: lines.map((l) => ({ stream: l.level === 'DEBUG' ? 'stdout' : 'stderr', line: l.message })) };
  }
}

/** A line the hook's process wrote, as the unit log keeps it (stdout at DEBUG, stderr at WARNING). */
export interface HookOutputLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

const runColumns = `SELECT seq, unit, hook, relation_id AS relationId, remote_unit AS remoteUnit, remote_app AS remoteApp,
  departing_unit AS departingUnit, outcome, code, started, ms, tool_calls AS toolCalls, changes FROM hook_runs`;

type StoredRun = Omit<HookRunRecord, 'toolCalls' | 'changes'> & { toolCalls: string; changes: string | null };

const toRun = (r: StoredRun): HookRunRecord => ({
  ...r,
  toolCalls: JSON.parse(r.toolCalls) as HookRunRecord['toolCalls'],
  changes: parseJson<HookDiff>(r.changes),
});
