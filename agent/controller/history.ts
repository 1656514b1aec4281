// The model's log (juju-log, hook output, the unit agents' own lines) and the history of hook
// and action runs, each with the hook tools it called.
import type { HookRun, HookRunRecord, LogRecord } from './records.js';
import { now, type Store } from './store.js';

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

  recordHookRun(run: HookRun): void {
    this.store.db
      .prepare(
        `INSERT INTO hook_runs (unit, hook, relation_id, remote_unit, remote_app, departing_unit, outcome, code, started, ms, tool_calls)
         VALUES (@unit, @hook, @relationId, @remoteUnit, @remoteApp, @departingUnit, @outcome, @code, @started, @ms, @toolCalls)`,
      )
      .run({ ...run, toolCalls: JSON.stringify(run.toolCalls) });
    this.store.recorded();
  }

  /** Every run in order, or one unit's. */
  hookRuns(unit?: string): HookRunRecord[] {
    const sql = `SELECT seq, unit, hook, relation_id AS relationId, remote_unit AS remoteUnit, remote_app AS remoteApp,
                 departing_unit AS departingUnit, outcome, code, started, ms, tool_calls AS toolCalls FROM hook_runs`;
    const { db } = this.store;
    const rows = (
      unit === undefined ? db.prepare(`${sql} ORDER BY seq`).all() : db.prepare(`${sql} WHERE unit = ? ORDER BY seq`).all(unit)
    ) as Array<HookRunRecord & { toolCalls: string }>;
    return rows.map((r) => ({ ...r, toolCalls: JSON.parse(r.toolCalls) as HookRunRecord['toolCalls'] }));
  }
}
