// `juju-sim pack`: the .charm file charmcraft would write, named as charmcraft names it, and
// deployable. Packing an ops source tree and a packed reactive charm is covered where they are
// deployed and refreshed (test/acceptance/refresh.test.ts, reactive.test.ts).
import t from 'tap';
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charmFileName } from '../../charmbuild/pack.js';
import { Sim, charm } from '../helpers/sim.js';

t.test('the file name charmcraft gives a packed charm', async (t) => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['platforms: the one for this machine', { base: 'ubuntu@22.04', platforms: { arm64: null, amd64: null } }, 'db_amd64.charm'],
    ['a platform named base:arch', { platforms: { 'ubuntu@24.04:amd64': null } }, 'db_ubuntu@24.04-amd64.charm'],
    ['bases with run-on', { bases: [{ 'build-on': [{ name: 'ubuntu', channel: '20.04' }], 'run-on': [{ name: 'ubuntu', channel: '20.04', architectures: ['amd64'] }, { name: 'ubuntu', channel: '22.04', architectures: ['amd64'] }] }] }, 'db_ubuntu-20.04-amd64_ubuntu-22.04-amd64.charm'],
    ['bases in the short form', { bases: [{ name: 'ubuntu', channel: '22.04' }] }, 'db_ubuntu-22.04-amd64.charm'],
    ['nothing about what it runs on', {}, 'db.charm'],
  ];
  for (const [name, project, expected] of cases) t.equal(charmFileName(project, 'db'), expected, name);
});

t.test('pack writes a .charm that deploys and runs, and prints its path', async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'jsim-pack-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const sim = new Sim(t);

  const packed = await sim.ok('pack', charm('bash-redis'), '--output', scratch);
  t.equal(packed, `${join(scratch, 'bash-redis.charm')}\n`);
  const listing = (await execa('unzip', ['-Z1', packed.trim()])).stdout.split('\n');
  t.ok(listing.includes('metadata.yaml') && listing.includes('hooks/redis-relation-joined'), 'the charm files are in it');

  await sim.ok('deploy', packed.trim(), 'cache');
  await sim.ok('settle');
  const unit = (await sim.json('status')).applications.cache.units['cache/0'];
  t.equal(unit['juju-status'].current, 'idle');
  t.not(unit['workload-status'].current, 'error');

  const again = await sim.run('pack', packed.trim());
  t.equal(again.code, 1);
  t.match(again.stderr, /^ERROR ".*bash-redis\.charm" is already a packed charm\n$/);
  const missing = await sim.run('pack', join(scratch, 'nowhere'));
  t.match(missing.stderr, /^ERROR no charm was found at ".*nowhere"\n$/);
});
