// `refresh --path`: every unit deploys the new charm, keeping what the old one wrote in its charm
// directory, and runs upgrade-charm then config-changed; a charm that is not the same charm, or
// that would break a relation, is refused as Juju refuses it.
import t from 'tap';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, charm } from '../helpers/sim.js';

/** A writable copy of bash-client whose dispatch also runs `extra`. */
function clientCharm(t: { teardown(fn: () => unknown): void }, extra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-charm-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(charm('bash-client'), dir, { recursive: true });
  writeFileSync(join(dir, 'dispatch'), `${readFileSync(join(dir, 'dispatch'), 'utf8')}${extra}\n`, { mode: 0o755 });
  return dir;
}

const hooks = async (sim: Sim, unit: string, from: number): Promise<string[]> =>
  ((await sim.json('history', '--unit', unit)) as Array<{ hook: string }>).slice(from).map((r) => r.hook);

t.test('refresh: upgrade-charm then config-changed on every unit, with the new code and the old run-time files', async (t) => {
  const sim = new Sim(t);
  const source = clientCharm(t, 'if [ "$JUJU_DISPATCH_PATH" = hooks/install ]; then echo v1 > written-at-install; fi');
  writeFileSync(join(source, 'old-only.txt'), 'shipped by v1\n');
  await sim.ok('deploy', source, 'demo', '-n', '2');
  await sim.ok('settle');
  const before = { 'demo/0': (await hooks(sim, 'demo/0', 0)).length, 'demo/1': (await hooks(sim, 'demo/1', 0)).length };
  t.equal((await sim.json('status')).applications.demo['charm-rev'], 0);

  rmSync(join(source, 'old-only.txt'));
  writeFileSync(
    join(source, 'dispatch'),
    '#!/bin/bash\nset -eu\nif [ "$JUJU_DISPATCH_PATH" = hooks/upgrade-charm ]; then echo v2 > upgraded; fi\n',
    { mode: 0o755 },
  );
  const refreshed = await sim.run('refresh', 'demo', '--path', source);
  t.equal(refreshed.code, 0, refreshed.stderr);
  t.equal(refreshed.stderr, 'Added local charm "bash-client", revision 1, to the model\n');
  await sim.ok('settle');

  for (const unit of ['demo/0', 'demo/1'] as const) {
    t.same(await hooks(sim, unit, before[unit]), ['upgrade-charm', 'config-changed'], `${unit} hook order`);
    const dir = sim.unitCharmDir(unit);
    t.equal(readFileSync(join(dir, 'upgraded'), 'utf8'), 'v2\n', `${unit} ran the new upgrade-charm`);
    t.equal(readFileSync(join(dir, 'written-at-install'), 'utf8'), 'v1\n', `${unit} kept what the old charm wrote`);
    t.notOk(existsSync(join(dir, 'old-only.txt')), `${unit} lost the file only the old charm shipped`);
  }
  const app = (await sim.json('status')).applications.demo;
  t.equal(app.charm, 'local:bash-client-1');
  t.equal(app['charm-rev'], 1);

  // Units added later get the new charm and no upgrade-charm.
  await sim.ok('add-unit', 'demo');
  await sim.ok('settle');
  t.same(await hooks(sim, 'demo/2', 0), ['install', 'leader-settings-changed', 'config-changed', 'start']);
  t.notOk(existsSync(join(sim.unitCharmDir('demo/2'), 'old-only.txt')));
});

t.test('refresh refuses another charm and a charm that would break a relation', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', charm('bash-client'), 'demo');
  await sim.ok('integrate', 'redis', 'demo');
  await sim.ok('settle');

  const other = await sim.run('refresh', 'demo', '--path', charm('bash-redis'));
  t.equal(other.code, 1);
  t.equal(other.stderr, 'ERROR cannot refresh "bash-client" to "bash-redis"\n');

  const source = clientCharm(t, '');
  writeFileSync(join(source, 'metadata.yaml'), 'name: bash-client\nsummary: s\ndescription: d\n');
  const breaking = await sim.run('refresh', 'demo', '--path', source);
  t.equal(breaking.code, 1);
  t.equal(breaking.stderr, 'ERROR cannot upgrade application "demo" to charm "local:bash-client-1": would break relation "demo:redis redis:redis"\n');
  t.equal((await sim.json('status')).applications.demo['charm-rev'], 0, 'a refused charm takes no revision');
  t.ok(existsSync(join(sim.home, 'models', 'default', 'charms', 'demo', 'metadata.yaml')), 'the application keeps its charm');

  const missing = await sim.run('refresh', 'demo');
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^ERROR --path is required/);
});
