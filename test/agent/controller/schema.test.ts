// A home made by an older juju-sim opens: its controller database gets the columns added since.
import t from 'tap';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller } from '../../../agent/controller/controller.js';

t.test('a controller database without the paused flag and charm paths gets them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-schema-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'controller.db');
  const old = new Database(path);
  old.exec(`
    CREATE TABLE model (name TEXT NOT NULL, uuid TEXT NOT NULL);
    INSERT INTO model (name, uuid) VALUES ('default', 'u-1');
    CREATE TABLE applications (
      name TEXT PRIMARY KEY, charm_name TEXT NOT NULL, charm_dir TEXT NOT NULL, charm_rev INTEGER NOT NULL,
      unit_venv TEXT, meta TEXT NOT NULL, config TEXT NOT NULL DEFAULT '{}', leader TEXT, status TEXT,
      life TEXT NOT NULL DEFAULT 'alive', created TEXT NOT NULL);
    INSERT INTO applications (name, charm_name, charm_dir, charm_rev, meta, created)
      VALUES ('old', 'old', '/x', 0, '{"name":"old","subordinate":false,"endpoints":[],"options":{}}', 'then');
  `);
  old.close();

  const controller = new Controller(path, 'default');
  t.teardown(() => controller.close());
  t.same(controller.model(), { name: 'default', uuid: 'u-1', paused: false });
  controller.setPaused(true);
  t.equal(controller.model().paused, true);
  t.equal(controller.applications.get('old').charmPath, null, 'an application deployed before has no charm path');
  const meta = { name: 'new', subordinate: false, endpoints: [], extraBindings: [], options: {}, actions: {}, resources: {} };
  t.equal(controller.applications.add('new', { dir: '/y', meta, path: '/src/new' }).charmPath, '/src/new');
});
