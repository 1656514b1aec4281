// The juju-info endpoint every application provides without declaring it, as Juju's
// state.Application.Endpoints adds it; container-scoped relations need a subordinate, which
// juju-sim refuses to deploy (not implemented) rather than run as a principal.
import t from 'tap';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, charm } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-juju-info-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

/** A bash charm of the given metadata whose info-relation-joined notes relation-list in its databag. */
function bashCharm(name: string, metadata: string, dirName = name): string {
  const dir = join(scratch, dirName);
  mkdirSync(join(dir, 'hooks'), { recursive: true });
  writeFileSync(join(dir, 'metadata.yaml'), `name: ${name}\nsummary: For tests.\ndescription: For tests.\n${metadata}`);
  writeFileSync(join(dir, 'hooks', 'info-relation-joined'), '#!/bin/sh\nrelation-set members="$(relation-list)"\n');
  chmodSync(join(dir, 'hooks', 'info-relation-joined'), 0o755);
  return dir;
}

const monitor = bashCharm('monitor', 'requires:\n  info:\n    interface: juju-info\n  logs:\n    interface: juju-info\n    scope: container\n');
const subordinate = bashCharm('agent', 'subordinate: true\nrequires:\n  juju-info:\n    interface: juju-info\n    scope: container\n');
/** The monitor charm made subordinate, to refresh to. */
const monitorAsSubordinate = bashCharm('monitor', 'subordinate: true\nrequires:\n  info:\n    interface: juju-info\n    scope: container\n', 'monitor-subordinate');

t.test('a principal relates to the juju-info of another; both run its relation hooks', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'redis');
  await sim.ok('deploy', monitor, 'mon');
  await sim.ok('integrate', 'mon', 'redis');
  await sim.ok('settle');
  const relation = (await sim.json('show')).relations.find((r: { interface: string }) => r.interface === 'juju-info');
  t.match(relation.endpoints.map((e: { application: string; endpoint: string }) => `${e.application}:${e.endpoint}`).sort(), ['mon:info', 'redis:juju-info']);
  t.equal(await sim.ok('exec', 'mon/0', '-r', String(relation.id), '--', 'relation-get', 'members', 'mon/0'), 'redis/0\n', "mon's hook saw redis/0");
  const hooks = (await sim.json('history', '--unit', 'redis/0')).map((h: { hook: string }) => h.hook);
  t.ok(hooks.includes('juju-info-relation-joined') && hooks.includes('juju-info-relation-changed'), 'redis ran juju-info-relation-*');

  t.same(await sim.run('integrate', 'mon:logs', 'redis'), { code: 1, stdout: '', stderr: 'ERROR no relations found\n' }, 'container scope between principals, as Juju');
});

t.test('a subordinate charm is refused: deploy, a bundle, refresh', async (t) => {
  const sim = new Sim(t);
  const refused = 'ERROR subordinate charms ("agent") are not implemented in juju-sim\n';
  t.same(await sim.run('deploy', subordinate), { code: 1, stdout: '', stderr: refused });
  const bundle = join(scratch, 'bundle.yaml');
  writeFileSync(bundle, `applications:\n  redis:\n    charm: ${charm('bash-redis')}\n    num_units: 1\n  agent:\n    charm: ${subordinate}\nrelations:\n- [agent, redis]\n`);
  const deployed = await sim.run('deploy', bundle);
  t.equal(deployed.code, 1);
  t.match(deployed.stderr, 'cannot add application "agent": subordinate charms ("agent") are not implemented in juju-sim');
  t.same((await sim.json('status')).applications, {}, 'nothing of the bundle was deployed');
  await sim.ok('deploy', monitor, 'mon');
  t.same(await sim.run('refresh', 'mon', '--path', monitorAsSubordinate), {
    code: 1,
    stdout: '',
    stderr: 'ERROR subordinate charms ("monitor") are not implemented in juju-sim\n',
  });
});
