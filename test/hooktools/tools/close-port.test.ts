// close-port shares open-port's parsing and flags (see open-port.test.ts); these cases check
// that it asks the context to close, and what it says about itself.

import t from 'tap';
import type { PortRange } from '../../../core/hook-context.js';
import { ClosePortCommand } from '../../../hooktools/tools/close-port.js';
import { FakeNetworking } from '../fakes/networking.js';
import { runWith } from '../fakes/run.js';

const tcp = (from: number, to = from): PortRange => ({ from, to, protocol: 'tcp' });
const udp = (from: number, to = from): PortRange => ({ from, to, protocol: 'udp' });

const cases: Array<{
  name: string;
  args: string[];
  closed?: Array<[string, PortRange]>;
  stderr?: string;
  code?: number;
  failure?: string;
}> = [
  { name: 'a port', args: ['80'], closed: [['', tcp(80)]] },
  { name: 'charm-helpers: 80/TCP', args: ['80/TCP'], closed: [['', tcp(80)]] },
  { name: 'a range', args: ['9000-9999/udp'], closed: [['', udp(9000, 9999)]] },
  { name: 'icmp', args: ['icmp'], closed: [['', { from: -1, to: -1, protocol: 'icmp' }]] },
  {
    name: '--endpoints',
    args: ['80-90', '--endpoints', 'dmz,public'],
    closed: [
      ['dmz', tcp(80, 90)],
      ['public', tcp(80, 90)],
    ],
  },
  {
    name: '--format is accepted and ignored',
    args: ['--format', 'foo', '80/TCP'],
    stderr: '--format flag deprecated for command "close-port"',
    closed: [['', tcp(80)]],
  },
  { name: 'no port', args: [], stderr: 'ERROR no port or range specified\n', code: 2 },
  { name: 'bad protocol', args: ['80/sctp'], stderr: 'ERROR invalid protocol "sctp", expected "tcp", "udp", or "icmp"\n', code: 2 },
  { name: 'the context refuses', args: ['80'], failure: 'boom', stderr: 'ERROR boom\n', code: 1 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeNetworking({}, c.failure);
    t.same(runWith(new ClosePortCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(
      ctx.calls,
      (c.closed ?? []).map(([endpoint, range]) => ({ op: 'close', endpoint, range })),
    );
  });
}

t.test('help', async (t) => {
  t.same(runWith(new ClosePortCommand(new FakeNetworking()), ['-h']), {
    code: 0,
    stderr: '',
    stdout: `Usage: close-port [options] <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp

Summary:
Ask for a port or a port range to be closed.

Options:
--endpoints (= "")
    Apply to these endpoints only (comma-separated)
--format (= "")
    Deprecated and ignored

Details:
Closes the given port, port range or ICMP for this unit when the hook succeeds.
Without --endpoints the range is closed for every endpoint; --endpoints names the
endpoints to close it for instead. Closing a range that is not open does nothing.

Examples:

    close-port 80
    close-port 9000-9999/udp
    close-port icmp
    close-port 80-90 --endpoints public
`,
  });
});
