// exec with a relation, as juju-exec runs commands: the remote unit inferred as Juju infers it,
// --force-remote-unit taken as given, and Juju's errors with their exit codes.
import t from 'tap';
import { Sim, charm, fixture } from '../helpers/sim.js';

t.test('exec -r: the remote unit, inferred or given, and every refusal', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo', '-n', '2');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('deploy', fixture('peer-client'), 'lonely');
  await sim.ok('settle');
  const peers = (await sim.ok('exec', 'lonely/0', '--', 'relation-ids cluster')).trim();
  const peerId = peers.split(':')[1];

  const remote = 'echo "[$JUJU_REMOTE_UNIT] [$JUJU_REMOTE_APP]"';
  const ok: Array<[string[], string]> = [
    [['demo/0', '-r', 'redis:0', '--', remote], '[redis/0] [redis]\n'],
    [['demo/0', '-r', 'redis:0', '--', 'relation-get port'], '6379\n'],
    [['redis/0', '-r', '0', '--remote-unit', 'demo/1', '--', remote], '[demo/1] [demo]\n'],
    [['redis/0', '-r', '0', '--remote-unit', 'demo/5', '--force-remote-unit', '--', remote], '[demo/5] [demo]\n'],
    [['redis/0', '-r', '0', '--force-remote-unit', '--', remote], '[] [demo]\n'],
    [['lonely/0', '-r', peers, '--force-remote-unit', '--', remote], '[] [lonely]\n'],
  ];
  for (const [args, stdout] of ok) t.same(await sim.run('exec', ...args), { code: 0, stdout, stderr: '' }, args.join(' '));

  const refused: Array<[string[], number, string]> = [
    [['redis/0', '-r', 'redis:0'], 1, 'ambiguous remote unit; possibilities are [demo/0 demo/1]'],
    [['redis/0', '-r', '0', '--remote-unit', 'demo/5'], 1, 'unknown remote unit demo/5; possibilities are [demo/0 demo/1]'],
    [['lonely/0', '-r', peers], 1, `cannot infer remote unit in empty relation ${peerId}`],
    [['demo/0', '-r', '7'], 1, 'unknown relation id: 7'],
    [['demo/0', '-r', 'redis:x'], 1, 'invalid relation id'],
    [['demo/0', '--remote-unit', 'redis/0'], 1, 'remote unit: redis/0, provided without a relation'],
    [['demo/0', '--remote-app', 'redis'], 1, 'remote app: redis, provided without a relation'],
    [['demo/0', '-r', '0', '--remote-unit', 'nope', '--remote-app', 'redis'], 1, 'invalid remote unit name "nope"'],
    [['demo/0', '-r', '0', '--remote-unit', 'nope'], 2, 'remoteUnit "nope" is not a valid unit name: "nope" is not a valid unit name'],
  ];
  for (const [args, code, message] of refused) {
    t.same(await sim.run('exec', ...args, '--', 'true'), { code, stdout: '', stderr: `ERROR ${message}\n` }, args.join(' '));
  }
});
