// The one settings merge every databag write goes through (relation unit and application
// settings at a hook's commit, leader settings at leader-set): an empty value deletes a key, and
// only a real change stores the bag, bumps its version and wakes the unit agents.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller } from '../../../agent/controller/controller.js';
import { mergeSettings } from '../../../agent/controller/settings.js';

type Bag = Record<string, string>;

/** `want`: the merged bag, or null for no change (no write, no version bump). */
const cases: Array<{ name: string; stored: Bag; changes: Bag; want: Bag | null }> = [
  { name: 'set a new key', stored: {}, changes: { a: '1' }, want: { a: '1' } },
  { name: 'overwrite a key', stored: { a: '1' }, changes: { a: '2' }, want: { a: '2' } },
  { name: 'delete with an empty value', stored: { a: '1', b: '2' }, changes: { a: '' }, want: { b: '2' } },
  { name: 'set and delete at once', stored: { a: '1' }, changes: { a: '', b: '2' }, want: { b: '2' } },
  { name: 'several keys', stored: { a: '1' }, changes: { b: '2', c: '3' }, want: { a: '1', b: '2', c: '3' } },
  { name: 'the same value is no change', stored: { a: '1' }, changes: { a: '1' }, want: null },
  { name: 'deleting a missing key is no change', stored: { a: '1' }, changes: { b: '' }, want: null },
  { name: 'no-ops together are no change', stored: { a: '1' }, changes: { a: '1', b: '' }, want: null },
  { name: 'nothing to write', stored: { a: '1' }, changes: {}, want: null },
];

/** A controller with one application, its peer relation and its leader unit. */
function controller(t: Test): Controller {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-settings-'));
  const c = new Controller(join(dir, 'controller.db'), 'test');
  t.teardown(() => {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  });
  c.applications.add('web', {
    dir,
    meta: {
      name: 'web',
      subordinate: false,
      endpoints: [{ name: 'cluster', role: 'peer', interface: 'web-peers', scope: 'global' }],
      extraBindings: [],
      options: {},
      actions: {},
      resources: {},
    },
  });
  c.units.add('web');
  return c;
}

for (const { name, stored, changes, want } of cases) {
  t.test(name, async (t) => {
    const before = { ...stored };
    t.same(mergeSettings(stored, changes), want, 'the merge');
    t.same(stored, before, 'the stored map is left as it was');

    const c = controller(t);
    const peers = c.relations.of('web')[0].id;
    const seeded = Object.keys(stored).length > 0 ? 1 : 0;
    const version = seeded + (want === null ? 0 : 1);
    const data = want ?? stored;
    let wakes = 0;
    c.onChange(() => wakes++);

    const commit = (settings: Bag) => c.commitHookChanges({ unit: 'web/0', relations: [{ relationId: peers, applicationSettings: settings }] });
    const bumped = (to: number) => [{ relationId: peers, holder: 'web', version: to }];
    t.same(commit(stored), seeded ? bumped(1) : [], 'the stored map, seeded');
    t.same(commit(changes), want === null ? [] : bumped(version), 'a commit returns the versions it bumped');
    t.same(c.settings.applicationDatabag(peers, 'web'), { data, version }, 'the application databag');

    c.settings.writeLeaderSettings('web', stored);
    c.settings.writeLeaderSettings('web', changes);
    t.same(c.settings.leaderSettings('web'), { data, version }, 'leader settings');
    t.equal(wakes, 2 * version, 'the unit agents are woken by each bump, and only by one');
  });
}
