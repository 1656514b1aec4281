// network-get end to end: a bash test charm (test/charms/bindings-charm) with an extra binding,
// the real CLI and daemon, and the native hook tools. Every binding of a unit is bound to the
// unit's own loopback address.
import t from 'tap';
import { Sim, fixture } from '../helpers/sim.js';

t.test('network-get answers for an extra binding with the unit\'s address', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', fixture('bindings-charm'), 'web', '-n', '2');
  await sim.ok('settle');
  const units = (await sim.json('status')).applications.web.units;
  const address = (unit: string): string => units[unit]['public-address'];
  t.not(address('web/0'), address('web/1'), 'each unit has its own address');

  for (const unit of ['web/0', 'web/1']) {
    const ip = address(unit);
    t.match(units[unit]['workload-status'], { current: 'active', message: `public on ${ip}` }, `${unit}'s start hook saw it`);

    const json = await sim.run('exec', unit, '--', 'network-get public --format json');
    t.same({ ...json, stdout: JSON.parse(json.stdout) }, {
      code: 0,
      stderr: '',
      stdout: {
        'bind-addresses': [{ 'mac-address': '', 'interface-name': 'lo', addresses: [{ hostname: '', value: ip, cidr: '127.0.0.0/8' }] }],
        'egress-subnets': [`${ip}/32`],
        'ingress-addresses': [ip],
      },
    }, `${unit}: network-get public --format json`);
    t.same(await sim.run('exec', unit, '--', 'network-get', 'public', '--bind-address'), { code: 0, stdout: `${ip}\n`, stderr: '' }, `${unit}: --bind-address`);
  }

  await t.test('endpoints are bindings too, and -r of a relation answers as its endpoint', async (t) => {
    const ip = address('web/0');
    t.equal(await sim.ok('exec', 'web/0', '--', 'network-get website --ingress-address'), `${ip}\n`);
    t.equal(await sim.ok('exec', 'web/0', '--', 'network-get juju-info --egress-subnets'), `${ip}/32\n`);
    const peers = (await sim.ok('exec', 'web/0', '--', 'relation-ids cluster')).trim();
    t.equal(await sim.ok('exec', 'web/0', '--', `network-get cluster -r ${peers} --bind-address`), `${ip}\n`);
  });

  await t.test('an unknown binding: Juju\'s text, exit 1', async (t) => {
    t.same(await sim.run('exec', 'web/0', '--', 'network-get nope'), {
      code: 1,
      stdout: '',
      stderr: 'ERROR no network config found for binding "nope"\n',
    });
  });
});
