// The human output of diff, history and show-status-log: golden files at 80 columns off a
// terminal (test/golden/diff-*.txt, history.txt), every line within 80 columns and no escape
// sequence; on a terminal, colour (added green, removed red, changed yellow, a failed run red,
// discarded changes dim, error statuses red) and nothing else changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { HookRunRecord, ModelDiff, PastStatus } from '../../agent/control/protocol.js';
import { tabular } from '../../cmd/commands/show-status-log.js';
import { journal } from '../../cmd/hook-journal.js';
import { renderDiff } from '../../cmd/model-diff.js';
import { root } from '../helpers/sim.js';

/** A golden file's text; UPDATE_GOLDEN=1 writes it from `actual` first (then read the diff). */
function golden(name: string, actual: string): string {
  const path = join(root, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

const failedRun: ModelDiff = {
  run: { seq: 17, unit: 'webapp/0', hook: 'database-relation-changed', outcome: 'failed', fate: 'discarded' },
  databags: [{ relationId: 0, holder: 'webapp/0', kind: 'unit', keys: [{ key: 'note', old: 'hello', new: 'failing' }, { key: 'seen', new: 'x'.repeat(90) }] }],
  statuses: [{ entity: 'webapp/0', kind: 'workload', old: { status: 'active', message: '' }, new: { status: 'blocked', message: 'about to fail' } }],
  openedPorts: ['8080/tcp'],
};
const leaderRun: ModelDiff = {
  run: { seq: 9, unit: 'webapp/1', hook: 'leader-elected', outcome: 'ok', fate: null },
  leaderSettings: [{ application: 'webapp', keys: [{ key: 'token', old: 'a', new: 'b' }, { key: 'old', old: 'gone' }] }],
  statuses: [{ entity: 'webapp', kind: 'application', new: { status: 'active', message: '' } }],
};
const range: ModelDiff = {
  from: 4,
  to: 21,
  relations: [
    { id: 0, interface: 'pgsql', endpoints: ['webapp:db', 'postgresql:database'], change: 'removed' },
    { id: 2, interface: 'redis', endpoints: ['webapp:cache', 'redis:redis'], change: 'added' },
  ],
  databags: [
    { relationId: 0, holder: 'postgresql', kind: 'application', keys: [{ key: 'password', old: 's3cret' }] },
    { relationId: 2, holder: 'redis/0', kind: 'unit', keys: [{ key: 'host', new: '127.1.0.1' }, { key: 'port', new: '6379' }] },
  ],
  statuses: [{ entity: 'webapp/1', kind: 'workload', old: { status: 'active', message: '' } }],
};

t.test('diff: golden at 80 columns, no terminal', async (t) => {
  const cases: Array<[string, ModelDiff]> = [
    ['diff-failed-run.txt', failedRun],
    ['diff-run.txt', leaderRun],
    ['diff-range.txt', range],
  ];
  for (const [name, diff] of cases) {
    const text = renderDiff(diff, { width: 80, colour: false });
    t.equal(text, golden(name, text), name);
    t.ok(text.split('\n').every((line) => line.length <= 80), `${name}: every line fits 80 columns`);
    t.notMatch(text, /\x1b/, `${name}: no colour off a terminal`);
    t.equal(plain(renderDiff(diff, { width: 80, colour: true })), text, `${name}: colour changes nothing but the colour`);
  }
  t.equal(renderDiff({ from: 3, to: 3 }, { width: 80, colour: false }), 'from hook 3 to hook 3\nNo changes.\n');
});

t.test('diff: colour on a terminal', async (t) => {
  const coloured = renderDiff(range, { width: 80, colour: true });
  t.match(coloured, '\x1b[32m  + host: "127.1.0.1"\x1b[39m', 'added green');
  t.match(coloured, '\x1b[31m  - password: "s3cret"\x1b[39m', 'removed red');
  const failed = renderDiff(failedRun, { width: 80, colour: true });
  t.match(failed, /^\x1b\[31mhook 17: /, 'a failed run red');
  t.match(failed, '\x1b[2m  ~ note: "hello" → "failing"\x1b[22m', 'what it discarded dim');
  t.match(failed, '\x1b[33m  ~ active → blocked "about to fail"\x1b[39m', 'what it applied at once is not discarded');
});

const run = (seq: number, hook: string, outcome: string, changes: HookRunRecord['changes']): HookRunRecord => ({
  seq,
  unit: 'webapp/0',
  hook,
  relationId: null,
  remoteUnit: null,
  remoteApp: null,
  departingUnit: null,
  outcome,
  code: outcome === 'failed' ? 1 : 0,
  started: '2026-01-01T00:00:00.000Z',
  ms: 12,
  toolCalls: [],
  changes,
});

const runs: HookRunRecord[] = [
  run(1, 'install', 'ok', { fate: 'committed', applied: { statuses: [{ entity: 'webapp/0', kind: 'workload', old: { status: 'maintenance', message: 'installing' }, new: { status: 'active', message: '' } }] } }),
  run(2, 'leader-elected', 'ok', { fate: 'committed', charmState: [{ key: 'n', new: '1' }], applied: { leaderSettings: [{ key: 'token', new: 't' }] } }),
  run(3, 'db-relation-changed', 'failed', {
    fate: 'discarded',
    databags: [{ relationId: 0, holder: 'webapp/0', kind: 'unit', keys: [{ key: 'note', old: 'hello', new: 'failing' }] }],
    applied: { statuses: [{ entity: 'webapp/0', kind: 'workload', old: { status: 'active', message: '' }, new: { status: 'blocked', message: 'about to fail' } }] },
  }),
];

t.test('history: golden at 80 columns, colour on a terminal', async (t) => {
  const text = journal(runs, { width: 80, colour: false });
  t.equal(text, golden('history.txt', text));
  t.ok(text.split('\n').every((line) => line.length <= 80));
  t.notMatch(text, /\x1b/);
  const coloured = journal(runs, { width: 80, colour: true });
  t.equal(plain(coloured), text);
  t.match(coloured, /\n\x1b\[31m3 +webapp\/0 +db-relation-changed +failed +12ms\x1b\[39m\n/, 'a failed run red');
  t.match(coloured, '\x1b[2m    discarded: relation 0 unit webapp/0: note="hello"→"failing"\x1b[22m', 'what it discarded dim');
  t.match(coloured, '\n    applied: workload status webapp/0: active→blocked "about to fail"\n', 'what it applied at once plain');
});

t.test('show-status-log: error statuses red on a terminal only', async (t) => {
  const statuses: PastStatus[] = [
    { status: 'active', message: '', since: '2026-01-01T00:00:00Z', type: 'workload' },
    { status: 'error', message: 'hook failed: "install"', since: '2026-01-01T00:00:01Z', type: 'juju-unit' },
  ];
  const text = tabular(statuses, { isoTime: true, colour: false });
  t.notMatch(text, /\x1b/);
  const coloured = tabular(statuses, { isoTime: true, colour: true });
  t.equal(plain(coloured), text);
  t.match(coloured, /\n\x1b\[31m2026-01-01 00:00:01Z +juju-unit +error +hook failed: "install"\x1b\[39m\n$/);
  t.notMatch(coloured.split('\n')[1], /\x1b/, 'the rest is not');
});
