import t from 'tap';
import type { PortRange } from '../../core/hook-context.js';
import { comparePortRanges, formatPortRange, parsePortRange } from '../../core/ports.js';

const tcp = (from: number, to = from): PortRange => ({ from, to, protocol: 'tcp' });
const udp = (from: number, to = from): PortRange => ({ from, to, protocol: 'udp' });
const icmp: PortRange = { from: -1, to: -1, protocol: 'icmp' };

const atoi = (text: string, why = 'invalid syntax') =>
  `invalid port ${JSON.stringify(text)}: strconv.Atoi: parsing ${JSON.stringify(text)}: ${why}`;
const badProtocol = (p: string) => `invalid protocol "${p}", expected "tcp", "udp", or "icmp"`;

// Input as the tools pass it: already lowercased.
const valid: Array<[string, PortRange]> = [
  ['80', tcp(80)],
  ['80/tcp', tcp(80)],
  ['53/udp', udp(53)],
  ['8000-8100/tcp', tcp(8000, 8100)],
  ['100-200', tcp(100, 200)],
  ['443-443/udp', udp(443)],
  ['0', tcp(0)],
  ['65535', tcp(65535)],
  ['0-65535/udp', udp(0, 65535)],
  ['+80', tcp(80)],
  ['icmp', icmp],
  // With `icmp` as the ports, the protocol after '/' is not looked at.
  ['icmp/tcp', icmp],
  ['icmp/anything', icmp],
];

for (const [text, range] of valid) {
  t.test(`parse ${text}`, async (t) => {
    t.same(parsePortRange(text), range);
  });
}

const invalid: Array<[string, string]> = [
  ['', atoi('')],
  ['two', atoi('two')],
  ['80-', atoi('')],
  ['-80', atoi('')],
  [' 80', atoi(' 80')],
  ['0x50', atoi('0x50')],
  ['8_0', atoi('8_0')],
  ['blah/blah/blah', atoi('blah')],
  ['icmp-1', atoi('icmp')],
  ['1-two/udp', atoi('two')],
  ['99999999999999999999', atoi('99999999999999999999', 'value out of range')],
  ['1-2-3', 'invalid port range "1-2-3"'],
  ['80/http', badProtocol('http')],
  ['80-90/http', badProtocol('http')],
  ['9999/foo', badProtocol('foo')],
  ['80/', badProtocol('')],
  ['80/tcp/udp', badProtocol('tcp/udp')],
  ['80/icmp', `protocol "icmp" doesn't support any ports; got "80"`],
  ['80-90/icmp', `protocol "icmp" doesn't support any ports; got "80"`],
  ['1-0', 'invalid port range 1-0/tcp'],
  ['20-10/udp', 'invalid port range 20-10/udp'],
  ['99999999999-1', 'invalid port range 99999999999-1/tcp'],
  ['65536', 'port range bounds must be between 0 and 65535, got 65536-65536'],
  ['99999/udp', 'port range bounds must be between 0 and 65535, got 99999-99999'],
  ['0-65536', 'port range bounds must be between 0 and 65535, got 0-65536'],
  // Go's int is 64 bits: the text shows the exact number.
  ['9223372036854775807', 'port range bounds must be between 0 and 65535, got 9223372036854775807-9223372036854775807'],
];

for (const [text, message] of invalid) {
  t.test(`parse ${JSON.stringify(text)} fails`, async (t) => {
    let thrown: unknown;
    try {
      parsePortRange(text);
    } catch (err) {
      thrown = err;
    }
    t.equal((thrown as Error | undefined)?.message, message);
  });
}

t.test('format', async (t) => {
  t.equal(formatPortRange(tcp(80)), '80/tcp');
  t.equal(formatPortRange(udp(8000, 8100)), '8000-8100/udp');
  t.equal(formatPortRange(tcp(0)), '0/tcp');
  t.equal(formatPortRange(icmp), 'icmp');
});

t.test('sort: by protocol name, then from, then to', async (t) => {
  const ranges = [udp(53), tcp(443), tcp(80, 90), icmp, tcp(80), tcp(100, 200), udp(1, 1000)];
  t.same(ranges.sort(comparePortRanges).map(formatPortRange), [
    'icmp',
    '80/tcp',
    '80-90/tcp',
    '100-200/tcp',
    '443/tcp',
    '1-1000/udp',
    '53/udp',
  ]);
});
