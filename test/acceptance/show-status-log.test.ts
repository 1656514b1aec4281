// show-status-log as Juju 3.6's: a unit's workload and agent statuses in order, a status set by a
// hook that then failed among them; --type, -n, --days, --from-date, --utc; its table, JSON and
// YAML; its usage errors (exit 2) and errors (exit 1); on both command lines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { Sim, charm, fixture } from '../helpers/sim.js';

const sim = new Sim(t, { maxParallelHooks: 1 });
await sim.ok('deploy', charm('bash-redis'), 'redis');
await sim.ok('deploy', fixture('journal-writer'), 'w');
await sim.ok('integrate', 'redis', 'w');
await sim.ok('settle');
writeFileSync(join(sim.unitCharmDir('w/0'), 'fail'), '');
t.equal((await sim.run('fire', 'redis-relation-changed', '--unit', 'w/0', '--remote', 'redis/0')).code, 1);

/** The table's rows without their times. */
const rows = (out: string): string[] => out.trimEnd().split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  /, ''));

t.test('the last 20 of both kinds, the failed hook\'s status included, as a table', async (t) => {
  const out = await sim.ok('show-status-log', 'w/0', '--utc');
  const lines = rows(out);
  t.equal(lines.length, 21, 'the header and 20 rows');
  t.match(lines[0], /^Time {18}Type {7}Status {7}Message$/);
  t.same(lines.slice(-3), [
    'juju-unit  executing    running redis-relation-changed hook',
    'workload   blocked      about to fail',
    'juju-unit  error        hook failed: "redis-relation-changed"',
  ]);
  t.match(out, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  juju-unit  idle {9}\n/m, 'an empty message leaves the status padded, as Go\'s tabwriter does');
  t.equal(await sim.ok('show-status-log', 'w/0', '--utc'), (await sim.juju('show-status-log', 'w/0', '--utc')).stdout, 'juju show-status-log answers the same');
});

t.test('--type, -n, --days, --from-date', async (t) => {
  const all = rows(await sim.ok('show-status-log', 'w/0', '--utc', '--type', 'workload', '-n', '100')).slice(1);
  t.same(all, ['workload  waiting      waiting for machine', 'workload  maintenance  installing charm software', 'workload  unknown      ', 'workload  blocked      about to fail']);
  t.same(rows(await sim.ok('show-status-log', 'w/0', '--utc', '-n', '2')).slice(1), ['workload   blocked  about to fail', 'juju-unit  error    hook failed: "redis-relation-changed"']);
  const agent = rows(await sim.ok('show-status-log', 'w/0', '--utc', '--type', 'juju-unit', '--days', '1')).slice(1);
  t.match(agent[0], /^juju-unit  allocating +$/);
  t.ok(agent.every((l) => l.startsWith('juju-unit')));
  t.equal(rows(await sim.ok('show-status-log', 'w/0', '--utc', '--from-date', '2000-01-01')).length - 1, agent.length + all.length);
  t.same(await sim.run('show-status-log', 'w/0', '--from-date', '2999-01-01'), { code: 1, stdout: '', stderr: 'ERROR no status history available\n' });
});

t.test('JSON and YAML: Juju\'s DetailedStatus', async (t) => {
  const json = JSON.parse(await sim.ok('show-status-log', 'w/0', '-n', '2', '--format', 'json'));
  t.same(json.map((s: object) => Object.keys(s)), [['status', 'message', 'since', 'type'], ['status', 'message', 'since', 'type']]);
  t.match(json, [{ status: 'blocked', message: 'about to fail', type: 'workload', since: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/ }, { status: 'error', type: 'juju-unit' }]);
  t.match(await sim.ok('show-status-log', 'w/0', '-n', '1', '--format', 'yaml'), /^- status: error\n {2}message: 'hook failed: "redis-relation-changed"'\n {2}since: \S+\n {2}type: juju-unit\n$/);
});

t.test('errors', async (t) => {
  const usage = (stderr: string) => ({ code: 2, stdout: '', stderr: `ERROR ${stderr}\n` });
  t.same(await sim.run('show-status-log'), usage('entity name is missing.'));
  t.same(await sim.run('show-status-log', 'w/0', '-n', '2', '--days', '1'), usage('backlog size, backlog date and backlog days back cannot be specified together'));
  t.same(await sim.run('show-status-log', 'w/0', '--type', 'nope'), usage('unexpected status type "nope"'));
  t.same(await sim.run('show-status-log', 'w/0', '--from-date', 'today'), usage('parsing backlog date: parsing time "today" as "2006-01-02": cannot parse "today" as "2006"'));
  t.same(await sim.run('show-status-log', 'w'), { code: 1, stdout: '', stderr: 'ERROR "w" is not a valid name for a unit\n' });
  t.same(await sim.run('show-status-log', 'w/7'), { code: 1, stdout: '', stderr: 'ERROR fetching status history for "unit-w-7": unit "w/7" not found\n' });
  t.same(await sim.run('show-status-log', 'w', '--type', 'application'), { code: 1, stdout: '', stderr: 'ERROR no status history available\n' });
  t.same(await sim.run('show-status-log', '0', '--type', 'machine'), { code: 1, stdout: '', stderr: 'ERROR status history of type "machine" is not implemented in juju-sim\n' });
});
