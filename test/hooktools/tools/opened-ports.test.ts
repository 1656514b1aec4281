import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { PortRange } from '../../../core/hook-context.js';
import { OpenedPortsCommand } from '../../../hooktools/tools/opened-ports.js';
import { FakeNetworking } from '../fakes/networking.js';
import { runWith } from '../fakes/run.js';

const tcp = (from: number, to = from): PortRange => ({ from, to, protocol: 'tcp' });
const udp = (from: number, to = from): PortRange => ({ from, to, protocol: 'udp' });
const icmp: PortRange = { from: -1, to: -1, protocol: 'icmp' };

// Opened for every endpoint (''): 443, 80, icmp, 100-200, 8000-8999/udp. For endpoints: 1337 on
// foo and bar, 80 on foo too (so it is still everywhere), 53/udp on zeta and on Admin.
const ports: Record<string, PortRange[]> = {
  '': [tcp(443), tcp(80), icmp, tcp(100, 200), udp(8000, 8999)],
  foo: [tcp(80), tcp(1337)],
  bar: [tcp(1337)],
  zeta: [udp(53)],
  Admin: [udp(53)],
};

const cases: Array<{ name: string; ports?: Record<string, PortRange[]>; args: string[]; stdout: string; stderr?: string; code?: number }> = [
  { name: 'nothing open', ports: {}, args: [], stdout: '' },
  { name: 'nothing open, json', ports: {}, args: ['--format=json'], stdout: '[]\n' },
  { name: 'nothing open, yaml', ports: {}, args: ['--format', 'yaml'], stdout: '[]\n' },
  { name: 'nothing open, with endpoints', ports: {}, args: ['--endpoints', '--format=json'], stdout: '[]\n' },
  { name: 'an endpoint with no ranges left', ports: { foo: [] }, args: ['--format=json'], stdout: '[]\n' },
  {
    name: 'sorted by protocol, then by number; each range once (ops 3.0-3.3: text)',
    args: [],
    stdout: 'icmp\n80/tcp\n100-200/tcp\n443/tcp\n1337/tcp\n53/udp\n8000-8999/udp\n',
  },
  {
    name: 'json (ops 3.4+)',
    args: ['--format=json'],
    stdout: '["icmp","80/tcp","100-200/tcp","443/tcp","1337/tcp","53/udp","8000-8999/udp"]\n',
  },
  {
    name: 'yaml',
    args: ['--format=yaml'],
    stdout: '- icmp\n- 80/tcp\n- 100-200/tcp\n- 443/tcp\n- 1337/tcp\n- 53/udp\n- 8000-8999/udp\n',
  },
  {
    name: '--endpoints: (*) for every endpoint, else the names sorted as bytes',
    args: ['--endpoints'],
    stdout:
      'icmp (*)\n80/tcp (*)\n100-200/tcp (*)\n443/tcp (*)\n1337/tcp (bar, foo)\n53/udp (Admin, zeta)\n8000-8999/udp (*)\n',
  },
  {
    name: '--endpoints json (ops hookcmds)',
    args: ['--format=json', '--endpoints'],
    stdout:
      '["icmp (*)","80/tcp (*)","100-200/tcp (*)","443/tcp (*)","1337/tcp (bar, foo)","53/udp (Admin, zeta)","8000-8999/udp (*)"]\n',
  },
  {
    name: '--endpoints=True',
    ports: { foo: [tcp(8080)] },
    args: ['--endpoints=True'],
    stdout: '8080/tcp (foo)\n',
  },
  { name: '--endpoints=false', ports: { foo: [tcp(8080)] }, args: ['--endpoints=false'], stdout: '8080/tcp\n' },
  { name: 'arguments', args: ['80'], stdout: '', stderr: 'ERROR unrecognized args: ["80"]\n', code: 2 },
  { name: 'unknown format', args: ['--format=xml'], stdout: '', stderr: 'ERROR invalid value "xml" for option --format: unknown format "xml"\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = runWith(new OpenedPortsCommand(new FakeNetworking(c.ports ?? ports)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout, stderr: c.stderr ?? '' });
  });
}

t.test('-o writes the list to a file', async (t) => {
  const dir = t.testdir();
  const got = runWith(new OpenedPortsCommand(new FakeNetworking({ '': [tcp(80)] })), ['-o', 'ports.json', '--format=json'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(join(dir, 'ports.json'), 'utf8'), '["80/tcp"]\n');
});

t.test('help', async (t) => {
  t.same(runWith(new OpenedPortsCommand(new FakeNetworking()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: opened-ports [options]

Summary:
List the port ranges the unit has opened.

Options:
--endpoints  (= false)
    Show the endpoints each port range is open for
--format  (= smart)
    Specify output format (json|smart|yaml)
-o, --output (= "")
    Specify an output file

Details:
Prints each port range opened by this unit as <port>/<protocol> or
<from>-<to>/<protocol> (icmp alone), including the ones this hook has asked for.
With --endpoints each range is followed by the endpoints it is open for, in
parentheses, or by (*) when it is open for every endpoint.

Examples:

    opened-ports
    opened-ports --endpoints --format=json
`,
  });
});
