import t from 'tap';
import type { NetworkInfo } from '../../../core/hook-context.js';
import { UnitGetCommand } from '../../../hooktools/tools/unit-get.js';
import { fakeNetworkInfo, type FakeNetworkInfoSpec } from '../fakes/network-info.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ stderr: `ERROR ${message}\n`, code });

function binding(...addresses: Array<{ hostname?: string; value: string }>): NetworkInfo {
  return {
    bindAddresses: [
      {
        macAddress: '00:16:3e:aa:bb:cc',
        interfaceName: 'eth0',
        addresses: addresses.map((a) => ({ hostname: a.hostname ?? '', value: a.value, cidr: '10.1.2.0/24' })),
      },
    ],
    egressSubnets: [],
    ingressAddresses: [],
  };
}

const withInfo: FakeNetworkInfoSpec = {
  info: { '': binding({ value: '10.1.2.3' }, { value: '10.1.2.4' }) },
  privateAddress: '192.168.0.9',
  publicAddress: '203.0.113.7',
};

const cases: Array<{ name: string; spec?: FakeNetworkInfoSpec; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'private address from the default binding', args: ['private-address'], stdout: '10.1.2.3\n' },
  {
    name: 'the hostname when the address was resolved from one',
    spec: { info: { '': binding({ hostname: 'db.example.com', value: '10.1.2.3' }) } },
    args: ['private-address'],
    stdout: 'db.example.com\n',
  },
  { name: 'no binding info: the unit address', spec: { privateAddress: '192.168.0.9' }, args: ['private-address'], stdout: '192.168.0.9\n' },
  {
    name: 'a binding without addresses: the unit address',
    spec: { info: { '': binding() }, privateAddress: '192.168.0.9' },
    args: ['private-address'],
    stdout: '192.168.0.9\n',
  },
  {
    name: 'a failing network info is not reported',
    spec: { infoError: 'cannot get network info', privateAddress: '192.168.0.9' },
    args: ['private-address'],
    stdout: '192.168.0.9\n',
  },
  { name: 'charmhelpers: --format=json', args: ['--format=json', 'private-address'], stdout: '"10.1.2.3"\n' },
  { name: 'yaml', args: ['private-address', '--format', 'yaml'], stdout: '10.1.2.3\n' },
  { name: 'public address', args: ['public-address'], stdout: '203.0.113.7\n' },
  { name: 'no public address', spec: {}, args: ['public-address'], ...failure('public address not found', 1) },
  { name: 'no setting', args: [], ...failure('no setting specified', 2) },
  { name: 'unknown setting', args: ['ingress-address'], ...failure('unknown setting "ingress-address"', 2) },
  { name: 'one setting only', args: ['public-address', 'private-address'], ...failure('unrecognized args: ["private-address"]', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new UnitGetCommand(fakeNetworkInfo(c.spec ?? withInfo)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('the default binding is asked for without a relation', async (t) => {
  const ctx = fakeNetworkInfo(withInfo);
  run(new UnitGetCommand(ctx), ['private-address']);
  t.same(ctx.calls, [{ bindings: [''], relationId: undefined }]);
});
