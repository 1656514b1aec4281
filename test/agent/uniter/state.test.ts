// A unit agent's state outlives juju-sim's versions: what an older agent stored reads as the
// state it meant.
import t from 'tap';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnitState, type OperationState } from '../../../agent/uniter/state.js';

t.test('a state stored before queued hooks were recorded gets the hook that was due', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-state-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cases: Array<[string, Record<string, unknown>, OperationState['queuedHook']]> = [
    ['config-changed queued after upgrade-charm', { installed: true, started: true, configHash: 'h', configChangedQueued: true }, 'config-changed'],
    ['start due after the first config-changed', { installed: true, started: false, configHash: 'h', configChangedQueued: false }, 'start'],
    ['nothing due before config-changed', { installed: true, started: false, configHash: null, configChangedQueued: false }, null],
    ['nothing due once started', { installed: true, started: true, configHash: 'h', configChangedQueued: false }, null],
  ];
  for (const [i, [name, stored, want]] of cases.entries()) {
    const path = join(dir, `unit-${i}.db`);
    new UnitState(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO operation (id, state) VALUES (0, ?)').run(JSON.stringify(stored));
    db.close();
    const state = new UnitState(path);
    const operation = state.operation();
    t.equal(operation.queuedHook, want, name);
    t.notOk('configChangedQueued' in operation, `${name}: the old flag is gone`);
    state.close();
  }
});
