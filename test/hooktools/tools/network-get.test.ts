import t from 'tap';
import type { NetworkInfo } from '../../../core/hook-context.js';
import { NetworkGetCommand } from '../../../hooktools/tools/network-get.js';
import { fakeNetworkInfo, type FakeNetworkInfoSpec } from '../fakes/network-info.js';
import { fakeRelations } from '../fakes/relations.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ stderr: `ERROR ${message}\n`, code });

type Device = NetworkInfo['bindAddresses'][number];

function device(mac: string, name: string, ...addresses: Array<[value: string, cidr: string, hostname?: string]>): Device {
  return {
    macAddress: mac,
    interfaceName: name,
    addresses: addresses.map(([value, cidr, hostname]) => ({ hostname: hostname ?? '', value, cidr })),
  };
}

function info(devices: Device[], ingress: string[] = [], egress: string[] = []): NetworkInfo {
  return { bindAddresses: devices, ingressAddresses: ingress, egressSubnets: egress };
}

// The bindings of Juju's own network-get tests, plus a device without addresses.
const bindings: FakeNetworkInfoSpec = {
  info: {
    'known-relation': info([
      device('00:11:22:33:44:00', 'eth0', ['10.10.0.23', '10.10.0.0/24'], ['192.168.1.111', '192.168.1.0/24']),
      device('00:11:22:33:44:11', 'eth1', ['10.10.1.23', '10.10.1.0/24'], ['192.168.2.111', '192.168.2.0/24']),
    ]),
    'known-extra': info([device('00:11:22:33:44:22', 'eth2', ['10.20.1.42', '10.20.1.42/24'], ['fc00::1', 'fc00::/64'])]),
    'valid-no-config': info([]),
    'ingress-egress': info(
      [device('00:11:22:33:44:33', 'eth3', ['10.33.1.8', '10.33.1.8/24', 'juju-33.lxd'])],
      ['100.1.2.3', '100.4.3.2'],
      ['192.168.1.0/8', '10.0.0.0/8'],
    ),
    'no-addresses': info([device('00:11:22:33:44:44', 'eth4')]),
    // An extra binding as juju-sim binds it: the unit's own loopback address, no MAC.
    public: info([device('', 'lo', ['127.1.0.2', '127.0.0.0/8'])], ['127.1.0.2'], ['127.1.0.2/32']),
  },
};

const knownExtraYaml = `bind-addresses:
- mac-address: "00:11:22:33:44:22"
  interface-name: eth2
  addresses:
  - hostname: ""
    value: 10.20.1.42
    cidr: 10.20.1.42/24
    address: 10.20.1.42
  - hostname: ""
    value: fc00::1
    cidr: fc00::/64
    address: fc00::1
  macaddress: "00:11:22:33:44:22"
  interfacename: eth2
`;
const knownExtraJson =
  '{"bind-addresses":[{"mac-address":"00:11:22:33:44:22","interface-name":"eth2","addresses":[' +
  '{"hostname":"","value":"10.20.1.42","cidr":"10.20.1.42/24"},{"hostname":"","value":"fc00::1","cidr":"fc00::/64"}]}]}\n';
const ingressEgressYaml = `bind-addresses:
- mac-address: "00:11:22:33:44:33"
  interface-name: eth3
  addresses:
  - hostname: juju-33.lxd
    value: 10.33.1.8
    cidr: 10.33.1.8/24
    address: 10.33.1.8
  macaddress: "00:11:22:33:44:33"
  interfacename: eth3
egress-subnets:
- 192.168.1.0/8
- 10.0.0.0/8
ingress-addresses:
- 100.1.2.3
- 100.4.3.2
`;
const ingressEgressJson =
  '{"bind-addresses":[{"mac-address":"00:11:22:33:44:33","interface-name":"eth3","addresses":[' +
  '{"hostname":"juju-33.lxd","value":"10.33.1.8","cidr":"10.33.1.8/24"}]}],' +
  '"egress-subnets":["192.168.1.0/8","10.0.0.0/8"],"ingress-addresses":["100.1.2.3","100.4.3.2"]}\n';

const publicYaml = `bind-addresses:
- mac-address: ""
  interface-name: lo
  addresses:
  - hostname: ""
    value: 127.1.0.2
    cidr: 127.0.0.0/8
    address: 127.1.0.2
  macaddress: ""
  interfacename: lo
egress-subnets:
- 127.1.0.2/32
ingress-addresses:
- 127.1.0.2
`;
const publicJson =
  '{"bind-addresses":[{"mac-address":"","interface-name":"lo","addresses":[{"hostname":"","value":"127.1.0.2","cidr":"127.0.0.0/8"}]}],' +
  '"egress-subnets":["127.1.0.2/32"],"ingress-addresses":["127.1.0.2"]}\n';

interface Case {
  name: string;
  hook?: number;
  args: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
}

const cases: Case[] = [
  // Argument errors.
  { name: 'no arguments', args: [], ...failure('no arguments specified', 2) },
  { name: 'empty binding name', args: [''], ...failure('no binding name specified', 2) },
  { name: 'one binding only', args: ['known-extra', 'db'], ...failure('unrecognized args: ["db"]', 2) },
  { name: 'unknown relation', args: ['-r', '9', 'known-extra'], ...failure('invalid value "9" for option -r: relation not found', 2) },
  { name: 'bad relation id', args: ['-r', 'db:x', 'known-extra'], ...failure('invalid value "db:x" for option -r: invalid relation id', 2) },

  // Bindings without config.
  { name: 'unknown binding', args: ['unknown'], ...failure('no network config found for binding "unknown"', 1) },
  { name: 'unknown binding, --ingress-address', args: ['unknown', '--ingress-address'], ...failure('no network config found for binding "unknown"', 1) },
  { name: 'no config for the binding', args: ['valid-no-config'], ...failure('no network config found for binding "valid-no-config"', 1) },
  {
    name: 'no config for the binding, --ingress-address',
    args: ['valid-no-config', '--ingress-address'],
    ...failure('no network config found for binding "valid-no-config"', 1),
  },
  {
    name: 'no config comes before the --primary-address check',
    args: ['--primary-address', '--bind-address', 'unknown'],
    ...failure('no network config found for binding "unknown"', 1),
  },

  // The whole structure.
  { name: 'smart is yaml with the legacy keys', args: ['known-extra'], stdout: knownExtraYaml },
  { name: 'charmhelpers: --format yaml (two argv elements)', args: ['known-extra', '--format', 'yaml'], stdout: knownExtraYaml },
  { name: 'ops: json without the legacy keys', args: ['--format=json', 'known-extra'], stdout: knownExtraJson },
  { name: 'ops 3.0-3.3: binding first', args: ['known-extra', '--format=json'], stdout: knownExtraJson },
  { name: 'ingress and egress', args: ['ingress-egress'], stdout: ingressEgressYaml },
  { name: 'ingress and egress, json', args: ['--format=json', 'ingress-egress'], stdout: ingressEgressJson },
  {
    name: 'several devices',
    args: ['known-relation'],
    stdout: `bind-addresses:
- mac-address: "00:11:22:33:44:00"
  interface-name: eth0
  addresses:
  - hostname: ""
    value: 10.10.0.23
    cidr: 10.10.0.0/24
    address: 10.10.0.23
  - hostname: ""
    value: 192.168.1.111
    cidr: 192.168.1.0/24
    address: 192.168.1.111
  macaddress: "00:11:22:33:44:00"
  interfacename: eth0
- mac-address: "00:11:22:33:44:11"
  interface-name: eth1
  addresses:
  - hostname: ""
    value: 10.10.1.23
    cidr: 10.10.1.0/24
    address: 10.10.1.23
  - hostname: ""
    value: 192.168.2.111
    cidr: 192.168.2.0/24
    address: 192.168.2.111
  macaddress: "00:11:22:33:44:11"
  interfacename: eth1
`,
  },
  {
    name: 'a device without addresses',
    args: ['no-addresses'],
    stdout: `bind-addresses:
- mac-address: "00:11:22:33:44:44"
  interface-name: eth4
  addresses: []
  macaddress: "00:11:22:33:44:44"
  interfacename: eth4
`,
  },
  {
    name: 'a device without addresses, json',
    args: ['no-addresses', '--format=json'],
    stdout: '{"bind-addresses":[{"mac-address":"00:11:22:33:44:44","interface-name":"eth4","addresses":[]}]}\n',
  },

  // One part.
  { name: '--ingress-address falls back to the first address', args: ['known-extra', '--ingress-address'], stdout: '10.20.1.42\n' },
  { name: '--ingress-address', args: ['ingress-egress', '--ingress-address'], stdout: '100.1.2.3\n' },
  { name: '--ingress-address, json', args: ['ingress-egress', '--ingress-address', '--format=json'], stdout: '"100.1.2.3"\n' },
  { name: '--bind-address', args: ['--bind-address', 'ingress-egress'], stdout: '10.33.1.8\n' },
  { name: '--egress-subnets, smart', args: ['ingress-egress', '--egress-subnets'], stdout: '192.168.1.0/8\n10.0.0.0/8\n' },
  { name: '--egress-subnets, json', args: ['ingress-egress', '--egress-subnets', '--format=json'], stdout: '["192.168.1.0/8","10.0.0.0/8"]\n' },
  { name: 'no egress subnets, smart', args: ['known-extra', '--egress-subnets'], stdout: '' },
  { name: 'no egress subnets, yaml', args: ['known-extra', '--egress-subnets', '--format', 'yaml'], stdout: '[]\n' },
  { name: 'no egress subnets, json (a nil slice)', args: ['known-extra', '--egress-subnets', '--format=json'], stdout: 'null\n' },
  {
    name: 'several parts make a map',
    args: ['known-extra', '--ingress-address', '--bind-address'],
    stdout: 'bind-address: 10.20.1.42\ningress-address: 10.20.1.42\n',
  },
  {
    name: 'all three parts',
    args: ['ingress-egress', '--ingress-address', '--bind-address', '--egress-subnets'],
    stdout: 'bind-address: 10.33.1.8\negress-subnets:\n- 192.168.1.0/8\n- 10.0.0.0/8\ningress-address: 100.1.2.3\n',
  },
  {
    name: 'all three parts, json',
    args: ['ingress-egress', '--ingress-address', '--bind-address', '--egress-subnets', '--format=json'],
    stdout: '{"bind-address":"10.33.1.8","egress-subnets":["192.168.1.0/8","10.0.0.0/8"],"ingress-address":"100.1.2.3"}\n',
  },
  {
    name: 'a map with no egress subnets, yaml',
    args: ['known-extra', '--egress-subnets', '--bind-address'],
    stdout: 'bind-address: 10.20.1.42\negress-subnets: []\n',
  },
  {
    name: 'a map with no egress subnets, json',
    args: ['known-extra', '--egress-subnets', '--bind-address', '--format=json'],
    stdout: '{"bind-address":"10.20.1.42","egress-subnets":null}\n',
  },
  {
    name: '--ingress-address without any address',
    args: ['no-addresses', '--ingress-address'],
    ...failure('no addresses attached to space for binding "no-addresses"', 1),
  },

  // An extra binding, in every format and with every flag.
  { name: 'extra binding, smart', args: ['public'], stdout: publicYaml },
  { name: 'extra binding, yaml', args: ['public', '--format', 'yaml'], stdout: publicYaml },
  { name: 'extra binding, json', args: ['public', '--format', 'json'], stdout: publicJson },
  { name: 'extra binding, --format smart', args: ['--format', 'smart', 'public'], stdout: publicYaml },
  { name: 'extra binding, -r of a relation', args: ['-r', '2', 'public', '--format=json'], stdout: publicJson },
  { name: 'extra binding in a relation hook', hook: 2, args: ['public'], stdout: publicYaml },
  { name: 'extra binding, --bind-address', args: ['public', '--bind-address'], stdout: '127.1.0.2\n' },
  { name: 'extra binding, --bind-address, yaml', args: ['public', '--bind-address', '--format=yaml'], stdout: '127.1.0.2\n' },
  { name: 'extra binding, --bind-address, json', args: ['public', '--bind-address', '--format=json'], stdout: '"127.1.0.2"\n' },
  { name: 'extra binding, --ingress-address', args: ['public', '--ingress-address'], stdout: '127.1.0.2\n' },
  { name: 'extra binding, --ingress-address, json', args: ['public', '--ingress-address', '--format=json'], stdout: '"127.1.0.2"\n' },
  { name: 'extra binding, --egress-subnets', args: ['public', '--egress-subnets'], stdout: '127.1.0.2/32\n' },
  { name: 'extra binding, --egress-subnets, yaml', args: ['public', '--egress-subnets', '--format=yaml'], stdout: '- 127.1.0.2/32\n' },
  { name: 'extra binding, --egress-subnets, json', args: ['public', '--egress-subnets', '--format=json'], stdout: '["127.1.0.2/32"]\n' },
  { name: 'extra binding, --primary-address', args: ['--primary-address', 'public'], stdout: '127.1.0.2\n' },
  { name: 'extra binding, --primary-address, json', args: ['--primary-address', 'public', '--format=json'], stdout: '"127.1.0.2"\n' },
  {
    name: 'extra binding, all three parts',
    args: ['public', '--egress-subnets', '--ingress-address', '--bind-address'],
    stdout: 'bind-address: 127.1.0.2\negress-subnets:\n- 127.1.0.2/32\ningress-address: 127.1.0.2\n',
  },
  {
    name: 'extra binding, all three parts, json',
    args: ['public', '--egress-subnets', '--ingress-address', '--bind-address', '--format=json'],
    stdout: '{"bind-address":"127.1.0.2","egress-subnets":["127.1.0.2/32"],"ingress-address":"127.1.0.2"}\n',
  },
  {
    name: 'extra binding, --primary-address with another flag',
    args: ['public', '--primary-address', '--egress-subnets'],
    ...failure('--primary-address must be the only flag specified', 1),
  },
  { name: 'extra binding, unknown format', args: ['public', '--format=xml'], ...failure('invalid value "xml" for option --format: unknown format "xml"', 2) },

  // --primary-address.
  { name: 'charmhelpers: --primary-address', args: ['--primary-address', 'known-extra'], stdout: '10.20.1.42\n' },
  { name: '--primary-address ignores the ingress address', args: ['--primary-address', 'ingress-egress'], stdout: '10.33.1.8\n' },
  {
    name: '--primary-address with another part',
    args: ['--primary-address', '--ingress-address', 'known-extra'],
    ...failure('--primary-address must be the only flag specified', 1),
  },
  {
    name: '--primary-address without any address',
    args: ['--primary-address', 'no-addresses'],
    ...failure('no addresses attached to space for binding "no-addresses"', 1),
  },
];

function context(hook?: number) {
  return { ...fakeNetworkInfo(bindings), ...fakeRelations([{ id: 2, endpoint: 'db', remoteApp: 'mysql' }], hook) };
}

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new NetworkGetCommand(context(c.hook)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('the relation asked about', async (t) => {
  const relationOf = (hook: number | undefined, args: string[]) => {
    const ctx = context(hook);
    const got = run(new NetworkGetCommand(ctx), args);
    t.equal(got.code, 0, args.join(' '));
    return ctx.calls.map((call) => call.relationId);
  };
  t.same(relationOf(undefined, ['known-extra']), [undefined], 'none outside a relation hook');
  t.same(relationOf(2, ['known-extra']), [2], 'the hook relation');
  t.same(relationOf(undefined, ['--format=json', '-r', '2', 'known-extra']), [2], 'ops: -r ID');
  t.same(relationOf(undefined, ['known-extra', '-r', 'db:2', '--format=json']), [2], '-r endpoint:id');
  t.same(relationOf(undefined, ['known-extra', '--format', 'yaml', '-r', '2']), [2], 'charmhelpers order');
});

t.test('a failing network info is reported', async (t) => {
  const ctx = { ...fakeNetworkInfo({ infoError: 'cannot get network info' }), ...fakeRelations([]) };
  t.same(run(new NetworkGetCommand(ctx), ['db']), { stdout: '', ...failure('cannot get network info', 1) });
});

t.test('help', async (t) => {
  const got = run(new NetworkGetCommand(context(2)), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: network-get \[options\] <binding-name> \[--ingress-address\] \[--bind-address\] \[--egress-subnets\]\n/);
  for (const option of ['--bind-address', '--egress-subnets', '--ingress-address', '--primary-address']) {
    t.match(got.stdout, `\n${option}  (= false)\n`);
  }
  t.match(got.stdout, '\n-r, --relation  (= db:2)\n');
});
