import t from 'tap';
import type { PortRange } from '../../../core/hook-context.js';
import { OpenPortCommand } from '../../../hooktools/tools/open-port.js';
import { FakeNetworking } from '../fakes/networking.js';
import { runWith } from '../fakes/run.js';

const tcp = (from: number, to = from): PortRange => ({ from, to, protocol: 'tcp' });
const udp = (from: number, to = from): PortRange => ({ from, to, protocol: 'udp' });
const icmp: PortRange = { from: -1, to: -1, protocol: 'icmp' };

interface Case {
  name: string;
  args: string[];
  /** The openPortRange calls, as [endpoint, range]. */
  opened?: Array<[string, PortRange]>;
  stderr?: string;
  code?: number;
  /** Make the context refuse the request with this message. */
  failure?: string;
}

const usage = (message: string): Partial<Case> => ({ stderr: `ERROR ${message}\n`, code: 2 });

const cases: Case[] = [
  { name: 'a port is tcp', args: ['80'], opened: [['', tcp(80)]] },
  { name: 'port/protocol', args: ['53/udp'], opened: [['', udp(53)]] },
  { name: 'a range', args: ['8000-8100/tcp'], opened: [['', tcp(8000, 8100)]] },
  { name: 'a range without protocol', args: ['100-200'], opened: [['', tcp(100, 200)]] },
  { name: 'icmp', args: ['icmp'], opened: [['', icmp]] },
  { name: 'port 0 is accepted', args: ['0'], opened: [['', tcp(0)]] },
  // charm-helpers passes the protocol in upper case by default.
  { name: 'charm-helpers: 80/TCP', args: ['80/TCP'], opened: [['', tcp(80)]] },
  { name: 'charm-helpers: ICMP', args: ['ICMP'], opened: [['', icmp]] },
  { name: 'charm-helpers: a range', args: ['1000-2000/UDP'], opened: [['', udp(1000, 2000)]] },
  { name: 'mixed case', args: ['100-200/tcP'], opened: [['', tcp(100, 200)]] },
  {
    name: '--endpoints before the port (ops hookcmds)',
    args: ['--endpoints', 'foo,bar', '1337/tcp'],
    opened: [
      ['foo', tcp(1337)],
      ['bar', tcp(1337)],
    ],
  },
  { name: '--endpoints after the port', args: ['1337/udp', '--endpoints=dmz'], opened: [['dmz', udp(1337)]] },
  {
    name: 'endpoint names are trimmed',
    args: ['--endpoints', ' foo , bar ', '80'],
    opened: [
      ['foo', tcp(80)],
      ['bar', tcp(80)],
    ],
  },
  // strings.TrimSpace, not JavaScript's trim(): U+0085 and U+00A0 go, U+FEFF stays.
  {
    name: 'endpoint names are trimmed of U+0085 and U+00A0',
    args: ['--endpoints', '\u0085foo\u0085,\u00a0bar', '80'],
    opened: [
      ['foo', tcp(80)],
      ['bar', tcp(80)],
    ],
  },
  { name: 'U+FEFF is not space to Go', args: ['--endpoints', '\ufefffoo', '80'], opened: [['\ufefffoo', tcp(80)]] },
  {
    name: 'an empty endpoint name means every endpoint',
    args: ['--endpoints', 'foo,', '80'],
    opened: [
      ['foo', tcp(80)],
      ['', tcp(80)],
    ],
  },
  { name: 'an empty --endpoints means every endpoint', args: ['--endpoints=', '80'], opened: [['', tcp(80)]] },
  {
    name: '--format is accepted and ignored',
    args: ['--format', 'foo', '80'],
    stderr: '--format flag deprecated for command "open-port"',
    opened: [['', tcp(80)]],
  },
  { name: 'an empty --format says nothing', args: ['--format=', '80'], opened: [['', tcp(80)]] },

  { name: 'no port', args: [], ...usage('no port or range specified') },
  { name: 'nothing after --', args: ['--'], ...usage('no port or range specified') },
  { name: 'an empty port', args: [''], ...usage('invalid port "": strconv.Atoi: parsing "": invalid syntax') },
  { name: 'too many arguments', args: ['123', 'haha'], ...usage('unrecognized args: ["haha"]') },
  { name: 'a negative port is an option', args: ['-42'], ...usage('option provided but not defined: -4') },
  { name: 'a negative port after --', args: ['--', '-42'], ...usage('invalid port "": strconv.Atoi: parsing "": invalid syntax') },
  { name: 'not a number', args: ['two'], ...usage('invalid port "two": strconv.Atoi: parsing "two": invalid syntax') },
  { name: 'three parts', args: ['1-2-3'], ...usage('invalid port range "1-2-3"') },
  { name: 'out of range', args: ['65536'], ...usage('port range bounds must be between 0 and 65535, got 65536-65536') },
  { name: 'out of range, upper case protocol', args: ['99999/UDP'], ...usage('port range bounds must be between 0 and 65535, got 99999-99999') },
  { name: 'backwards', args: ['20-10/tcp'], ...usage('invalid port range 20-10/tcp') },
  { name: 'unknown protocol', args: ['80/HTTP'], ...usage('invalid protocol "http", expected "tcp", "udp", or "icmp"') },
  { name: 'icmp with a port', args: ['80/icmp'], ...usage(`protocol "icmp" doesn't support any ports; got "80"`) },
  { name: '--endpoints without a value', args: ['80', '--endpoints'], ...usage('option needs an argument: --endpoints') },
  {
    name: 'the context refuses',
    args: ['80'],
    failure: 'cannot open 80/tcp (unit "wordpress/0"): port range conflicts with 80-90/tcp (unit "mysql/0")',
    stderr:
      'ERROR cannot open 80/tcp (unit "wordpress/0"): port range conflicts with 80-90/tcp (unit "mysql/0")\n',
    code: 1,
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeNetworking({}, c.failure);
    t.same(runWith(new OpenPortCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(
      ctx.calls,
      (c.opened ?? []).map(([endpoint, range]) => ({ op: 'open', endpoint, range })),
    );
  });
}

t.test('help', async (t) => {
  t.same(runWith(new OpenPortCommand(new FakeNetworking()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: open-port [options] <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp

Summary:
Ask for a port or a port range to be opened.

Options:
--endpoints (= "")
    Apply to these endpoints only (comma-separated)
--format (= "")
    Deprecated and ignored

Details:
Opens the given port, port range or ICMP for this unit when the hook succeeds. The
protocol is tcp unless given, and the argument is read case-insensitively. Without
--endpoints the range is opened for every endpoint of the application; --endpoints
names the endpoints to open it for instead.

On a machine the range is reachable only while the application is exposed. A
Kubernetes application can open single ports only.

Examples:

    open-port 80/tcp
    open-port 53/udp
    open-port 8000-8100/tcp --endpoints public,admin
    open-port icmp
`,
  });
});
