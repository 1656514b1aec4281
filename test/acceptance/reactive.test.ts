// Real charms.reactive charms (charms.reactive and charmhelpers from PyPI, in the venv the
// builder prepares and each unit finds at ../.venv) under the real daemon: failure, the
// automatic changed.<field> flags, and hooks fired by hand against the stored flags.
import t from 'tap';
import { execa } from 'execa';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheRoot } from '../../charmbuild/cache.js';
import { builtCharm, charmSourceKind } from '../../charmbuild/charm-source.js';
import { packCharm } from '../../charmbuild/pack.js';
import { reactiveFlags } from '../helpers/reactive.js';
import { Sim, charm, unitData } from '../helpers/sim.js';

interface Run {
  hook: string;
  outcome: string;
  toolCalls: Array<{ tool: string; args: string[]; code: number }>;
}

const lastRun = async (sim: Sim, unit: string): Promise<Run> => ((await sim.json('history', '--unit', unit)) as Run[]).at(-1)!;

/** The messages a hook logged with juju-log (the message is juju-log's last argument). */
const logged = (run: Run): string[] => run.toolCalls.filter((c) => c.tool === 'juju-log').map((c) => c.args.at(-1)!);

/** The handlers charms.reactive invoked in a hook, as `file:function[:endpoint]`. */
const invoked = (run: Run): string[] =>
  logged(run).flatMap((m) => {
    const handler = /^Invoking reactive handler: (\S+?):\d+:(.+)$/.exec(m);
    return handler ? [`${handler[1]}:${handler[2]}`] : [];
  });

/** Flags charms.reactive's tracer reports set while handlers ran (not those set at dispatch start). */
const flagsSetDuring = (run: Run): string[] =>
  logged(run)
    .filter((m) => !m.includes('tracer: starting handler dispatch'))
    .flatMap((m) => [...m.matchAll(/^tracer: set flag (\S+)$/gm)].map((f) => f[1]));

const charmStatus = async (sim: Sim, unit: string): Promise<{ status: string; message: string }> =>
  JSON.parse(await sim.ok('exec', unit, '--', 'status-get', '--include-data', '--format=json'));

async function deployPair(sim: Sim, clientConfig: string[] = []): Promise<void> {
  await sim.ok('deploy', charm('reactive-redis'), 'redis');
  await sim.ok('deploy', charm('reactive-redis-client'), 'client');
  if (clientConfig.length) await sim.ok('config', 'client', ...clientConfig);
  await sim.ok('settle');
  await sim.ok('integrate', 'redis', 'client');
}

t.test('the builder gives a built reactive charm the venv its units find at ../.venv', async (t) => {
  const options = { cache: cacheRoot(), progress: () => {} };
  t.equal(charmSourceKind(charm('reactive-redis')), 'reactive');
  const provider = await builtCharm(charm('reactive-redis'), options);
  const client = await builtCharm(charm('reactive-redis-client'), options);
  t.ok(provider.unitVenv);
  t.equal(client.unitVenv, provider.unitVenv, 'the same wheelhouse.txt, one venv');
  t.equal(dirname(provider.unitVenv!), join(cacheRoot(), 'venvs'));

  const py = join(provider.unitVenv!, 'bin', 'python');
  const run = async (code: string): Promise<string> => (await execa(py, ['-c', code], { env: { PATH: '/usr/bin:/bin' }, extendEnv: false })).stdout;
  t.equal(
    await run(`from importlib.metadata import version as v; print(v("charms.reactive"), v("charmhelpers"), int(v("setuptools").split(".")[0]) < 81)`),
    '1.5.3 1.2.1 True',
  );
  t.equal(await run('import charmhelpers.osplatform as p; print(p.get_platform())'), 'ubuntu', 'charmhelpers believes it is on Ubuntu');
  t.equal(await run('import sys; print("charmhelpers" in sys.modules)'), 'False', 'the shim imports nothing by itself');
  t.equal(readFileSync(join(provider.unitVenv!, 'bin', 'charms.reactive'), 'utf8').split('\n')[0], `#!${py}`, 'console scripts run from the cache');

  const sim = new Sim(t);
  await sim.ok('deploy', charm('reactive-redis'), 'redis');
  const unitDir = dirname(sim.unitCharmDir('redis/0'));
  t.ok(lstatSync(join(unitDir, '.venv')).isSymbolicLink());
  t.equal(readlinkSync(join(unitDir, '.venv')), provider.unitVenv);
  await sim.ok('settle');
  const env = await sim.ok('exec', 'redis/0', '--', 'env');
  t.notMatch(env, /^PYTHON/m, 'nothing Python-specific in the hook environment');
  t.same(reactiveFlags(sim, 'redis/0'), ['redis.installed']);
  t.same(await charmStatus(sim, 'redis/0'), { status: 'active', message: 'no clients', 'status-data': {} });
});

t.test('a reactive charm with a wheelhouse/, as charm-tools builds them, packed or not', async (t) => {
  const options = { cache: cacheRoot(), progress: () => {} };
  const scratch = mkdtempSync(join(tmpdir(), 'jsim-reactive-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const tree = join(scratch, 'reactive-redis');
  cpSync(charm('reactive-redis'), tree, { recursive: true });
  mkdirSync(join(tree, 'wheelhouse'));
  writeFileSync(join(tree, 'wheelhouse', '.keep'), '');
  const shared = (await builtCharm(charm('reactive-redis'), options)).unitVenv;

  const built = await builtCharm(tree, options);
  t.ok(existsSync(join(built.dir, 'wheelhouse', '.bootstrapped')), "layer-basic's bootstrap counts as done");
  t.notOk(existsSync(join(charm('reactive-redis'), 'wheelhouse')));
  t.equal(built.unitVenv, shared, 'no archives in the wheelhouse, the same venv');

  const packed = await packCharm(tree, scratch, options);
  t.equal(packed, join(scratch, 'reactive-redis.charm'), 'named as charmcraft names a charm without bases');
  t.equal(charmSourceKind(packed), 'archive');
  const unpacked = await builtCharm(packed, options);
  t.equal(unpacked.unitVenv, shared, 'a packed reactive charm gets its venv too');
  t.ok(existsSync(join(unpacked.dir, 'wheelhouse', '.bootstrapped')));
  t.ok(statSync(join(unpacked.dir, 'hooks', 'install')).mode & 0o100, 'hooks stay executable');
});

t.test('a handler that raises: nothing of the hook is committed, relation writes are discarded, status stays', async (t) => {
  const sim = new Sim(t);
  await deployPair(sim, ['fail-on-connect=true']);
  const settled = await sim.run('settle');
  t.equal(settled.code, 1);
  const failed = await lastRun(sim, 'client/0');
  t.match(failed, { hook: /^redis-relation-(joined|changed)$/, outcome: 'failed' });
  t.match(settled.stderr, `unit client/0 is in error: hook failed: "${failed.hook}"`);

  const setInHook = flagsSetDuring(failed);
  const connectFlags = ['client.connected', 'endpoint.redis.available', 'endpoint.redis.changed.port'];
  for (const flag of connectFlags) {
    t.ok(setInHook.includes(flag), `${flag} was set during the failed hook`);
  }
  t.same(
    reactiveFlags(sim, 'client/0').filter((f) => setInHook.includes(f)),
    [],
    'none of the flags set during the failed hook were committed',
  );
  t.ok(invoked(failed).includes('reactive/client.py:connect'));
  t.ok(
    failed.toolCalls.some((c) => c.tool === 'relation-set' && c.args.includes('--file') && c.code === 0),
    'the handler wrote redis-address straight away with relation-set',
  );
  t.notOk('redis-address' in unitData(await sim.json('show'), 'client/0')!, 'the write was discarded; to_publish was never flushed');
  t.match(await charmStatus(sim, 'client/0'), { status: 'active', message: /^redis at 127\.1\.\d+\.\d+:6379$/ }, 'the status set before the exception remains');

  await sim.ok('config', 'client', 'fail-on-connect=false');
  await sim.ok('resolve', 'client/0');
  await sim.ok('settle');
  t.same(reactiveFlags(sim, 'client/0').filter((f) => connectFlags.includes(f)), connectFlags, 'the retried hook committed them');
  t.match(unitData(await sim.json('show'), 'client/0'), { 'redis-address': /^127\.1\.\d+\.\d+:6379$/ }, 'and published');
});

t.test('a related reactive pair', async (t) => {
  const sim = new Sim(t);
  await deployPair(sim);
  await sim.ok('settle');
  const changedFlags = (): string[] => reactiveFlags(sim, 'client/0').filter((f) => f.startsWith('endpoint.redis.changed'));

  await t.test('fire redis-relation-changed re-runs the handlers the stored flags select', async (t) => {
    const stored = reactiveFlags(sim, 'client/0');
    t.ok(stored.includes('client.connected'));
    const fired = await sim.run('fire', 'redis-relation-changed', '--unit', 'client/0', '--remote', 'redis/0');
    t.equal(fired.code, 0, 'the hook succeeded');
    const run = await lastRun(sim, 'client/0');
    t.equal(run.hook, 'redis-relation-changed');
    const start = logged(run).find((m) => m.includes('tracer: starting handler dispatch'))!;
    t.same([...start.matchAll(/^tracer: set flag (\S+)$/gm)].map((f) => f[1]).sort(), stored, 'dispatch started from the stored flags');
    t.same(invoked(run).sort(), ['hooks/relations/redis/requires.py:_joined:redis', 'reactive/client.py:connect']);
    t.same(reactiveFlags(sim, 'client/0'), stored);
    t.match(await charmStatus(sim, 'client/0'), { status: 'active', message: /^redis at / });
  });

  await t.test('the provider re-publishes the same data in every hook, which queues nothing on the client', async (t) => {
    const before = ((await sim.json('history', '--unit', 'client/0')) as Run[]).length;
    const fired = await sim.run('fire', 'update-status', '--unit', 'redis/0');
    t.equal(fired.code, 0, 'the hook succeeded');
    const run = await lastRun(sim, 'redis/0');
    t.ok(run.toolCalls.some((c) => c.tool === 'relation-set' && c.args.includes('--file')), 'relation-set ran');
    await sim.ok('settle');
    t.equal(((await sim.json('history', '--unit', 'client/0')) as Run[]).length, before);
  });

  await t.test('endpoint.redis.changed.<field> is set only for the fields that really changed', async (t) => {
    t.ok(changedFlags().includes('endpoint.redis.changed.host'));
    // As a bash handler would: charms.reactive's own command line, in the unit's hook context.
    const clear = changedFlags().map((f) => `../.venv/bin/charms.reactive clear_flag ${f}`).join(' && ');
    await sim.ok('exec', 'client/0', '--', clear);
    t.same(changedFlags(), []);

    await sim.ok('fire', 'redis-relation-changed', '--unit', 'client/0', '--remote', 'redis/0');
    t.same(changedFlags(), [], 'the same data again changes nothing');

    await sim.ok('config', 'redis', 'port=7000');
    await sim.ok('settle');
    t.same(changedFlags(), ['endpoint.redis.changed.port'], 'only the port changed');
    t.match(await charmStatus(sim, 'client/0'), { status: 'active', message: /^redis at 127\.1\.\d+\.\d+:7000$/ });
  });
});
