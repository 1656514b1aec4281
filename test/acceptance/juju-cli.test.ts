// `juju`, as juju-sim answers it: the arguments jubilant builds (../shared/reference/juju-cli.md
// §1), Juju's output shapes and errors. The whole of it runs through jubilant itself in
// test/integration; these are the cases a suite would not reach, and their exact bytes.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, charm } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-juju-cli-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

t.test('version, plain and --all, what is not a juju command and what juju-sim does not implement', async (t) => {
  const sim = new Sim(t);
  t.same(await sim.juju('version'), { code: 0, stdout: '3.6.14-genericlinux-amd64\n', stderr: '' });
  t.same(await sim.juju('version', '--format', 'json', '--all'), {
    code: 0,
    stdout: '{"version":"3.6.14-genericlinux-amd64","compiler":"gc"}\n',
    stderr: '',
  });
  t.same(await sim.juju('fire', 'install'), { code: 2, stdout: '', stderr: 'ERROR juju: "fire" is not a juju command. See "juju --help".\n' });
  // A command Juju has and juju-sim does not implement says so: jubilant's ssh() gets an error, not a claim.
  t.same(await sim.juju('ssh', 'redis/0', 'ls'), { code: 1, stdout: '', stderr: 'ERROR juju ssh is not implemented in juju-sim\n' });
  t.same(await sim.juju('wait-for', 'model', 'default'), { code: 1, stdout: '', stderr: 'ERROR juju wait-for is not implemented in juju-sim\n' });
  t.equal((await sim.juju('list-models')).code, 0, "Juju's list-models alias of models");
  t.same(await sim.juju('status', 'redis', '--format', 'json'), { code: 1, stdout: '', stderr: 'ERROR status filter patterns are not implemented in juju-sim\n' });
  t.same(await sim.juju('status', '--bogus'), { code: 2, stdout: '', stderr: 'ERROR option provided but not defined: --bogus\n' });
});

t.test("deploy as jubilant calls it: --model first, settings from --config pairs and a file, Juju's refusals", async (t) => {
  const sim = new Sim(t);
  t.equal((await sim.juju('add-model', '--no-switch', 'jubilant-1')).code, 0);
  const settings = join(scratch, 'settings.yaml');
  writeFileSync(settings, 'redis:\n  port: 7000\nother:\n  port: 1\n');
  const deployed = await sim.juju('deploy', '--model', 'jubilant-1', charm('ops-redis'), 'redis', '--config', settings, '--num-units', '2');
  t.equal(deployed.code, 0, deployed.stderr);
  const config = JSON.parse((await sim.juju('config', '--model', 'jubilant-1', '--format', 'json', 'redis')).stdout);
  t.same(config.settings.port.value, 7000, "the file's settings under the application's name");

  const paired = await sim.juju('deploy', charm('ops-redis'), 'cache', '--model', 'jubilant-1', '--config', `port=${6390}`, '--config', settings);
  t.equal(paired.code, 0, paired.stderr);
  const cache = JSON.parse((await sim.juju('config', 'cache', '--model', 'jubilant-1', '--format', 'json')).stdout);
  t.same(cache.settings.port.value, 6390, 'later --config wins; the file had nothing for "cache"');

  t.same(await sim.juju('deploy', '--model', 'jubilant-1', charm('bash-redis'), 'bad', '--config', 'nope=1'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR unknown option "nope"\n',
  });
  const status = JSON.parse((await sim.juju('status', '--model', 'jubilant-1', '--format', 'json')).stdout);
  t.notOk('bad' in status.applications, 'a refused setting deploys nothing');
  t.same(Object.keys(status.applications.redis.units), ['redis/0', 'redis/1']);
  t.match(status.applications.redis.units['redis/0']['workload-status'].since, /^\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  const utc = JSON.parse((await sim.juju('status', '--model', 'jubilant-1', '--format', 'json', '--utc')).stdout);
  t.match(utc.applications.redis.units['redis/0']['workload-status'].since, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);

  t.same(await sim.juju('deploy', '--model', 'jubilant-1', 'postgresql', '--channel', '14/stable'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR deploy --channel is not implemented in juju-sim\n',
  });
  t.same(await sim.juju('deploy', '--model', 'jubilant-1', 'postgresql'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR cannot deploy "postgresql" from Charmhub: juju-sim deploys local charms only (a .charm file or a charm directory)\n',
  });
  t.same(await sim.juju('deploy', '--model', 'jubilant-1', charm('bash-redis'), 'res', '--storage', 'data=1G'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR deploy --storage is not implemented in juju-sim\n',
  });
  await sim.ok('settle', '-m', 'jubilant-1');
});

t.test('exec --unit: the command after --, one envelope entry per unit, a failure as Juju reports it', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis', '-n', '2');
  await sim.ok('settle');
  const both = await sim.juju('exec', '--format', 'json', '--unit', 'redis/0,redis/1', '--', 'echo $JUJU_UNIT_NAME');
  t.equal(both.code, 0, both.stderr);
  const envelope = JSON.parse(both.stdout);
  t.same(Object.keys(envelope).sort(), ['redis/0', 'redis/1']);
  t.same(envelope['redis/1'].results, { 'return-code': 0, stdout: 'redis/1\n' });
  t.equal(envelope['redis/1'].status, 'completed');

  const failed = await sim.juju('exec', '--format', 'json', '--unit', 'redis/0', '--wait', '30s', '--', 'exit 3');
  t.equal(failed.code, 1);
  t.match(failed.stderr, /^ERROR the following task failed:\n - id "\d+" with return code 3\n/);
  t.same(await sim.juju('exec', '--unit', 'redis/0'), { code: 2, stdout: '', stderr: 'ERROR no commands specified\n' });
  const leader = JSON.parse((await sim.juju('exec', '--format', 'json', '--unit', 'redis/leader', '--', 'echo $JUJU_UNIT_NAME')).stdout);
  t.same(Object.keys(leader), ['redis/0'], '<application>/leader names its leader, as for run');
  t.same(await sim.juju('exec', '--format', 'json', '--unit', 'redis/1', '--wait', '0.2s', '--', 'sleep 2'), {
    code: 1,
    stdout: '',
    stderr: 'ERROR timed out waiting for results from: unit redis/1\n',
  });
  t.same(await sim.juju('exec', '--unit', 'redis/1', '--', 'echo after'), { code: 0, stdout: 'after\n', stderr: '' }, 'the daemon goes on');
  t.same(await sim.run('exec', 'redis/0', '--', 'echo', 'positional'), { code: 0, stdout: 'positional\n', stderr: '' }, "juju-sim's own form stays");

  t.equal((await sim.juju('remove-unit', '--no-prompt', 'redis/1')).code, 0);
  t.equal((await sim.juju('remove-application', '--no-prompt', '--destroy-storage', '--force', 'redis')).code, 0);
  await sim.ok('settle');
  t.same(JSON.parse((await sim.juju('status', '--format', 'json')).stdout).applications, {});
});
