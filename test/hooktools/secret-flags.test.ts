import t from 'tap';
import { parseExpiry } from '../../hooktools/secret-flags.js';
import { outcome } from '../helpers/outcome.js';

t.test('--expire', async (t) => {
  const now = new Date('2025-01-01T00:00:00.000Z');
  const inDays = (days: number) => new Date(now.getTime() + days * 86400000).toISOString().replace('.000Z', 'Z');
  const cases: Array<[string, string]> = [
    // RFC 3339.
    ['2022-03-04T06:06:06Z', '2022-03-04T06:06:06Z'],
    ['2022-03-04T06:06:06+02:00', '2022-03-04T04:06:06Z'],
    ['2022-03-04T06:06:06.500-01:30', '2022-03-04T07:36:06.5Z'],
    ['2022-03-04T06:06:06.1234567891Z', '2022-03-04T06:06:06.123456789Z'],
    ['2022-03-04T06:06:06.000Z', '2022-03-04T06:06:06Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z'],
    ['2022-01-01T00:30:00+01:00', '2021-12-31T23:30:00Z'],
    // Go's parser also takes a one-digit hour, a comma before the fraction, a 24-hour offset.
    ['2022-03-04T6:06:06Z', '2022-03-04T06:06:06Z'],
    ['2022-03-04T06:06:06,25Z', '2022-03-04T06:06:06.25Z'],
    ['2022-03-04T06:06:06+24:00', '2022-03-03T06:06:06Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0000-01-01T00:00:00+00:01', '-0001-12-31T23:59:00Z'],
    // Without a zone: UTC (the layout Juju's help shows, 2025-01-01T06:06:06).
    ['2025-01-01T06:06:06', '2025-01-01T06:06:06Z'],
    ['2025-01-01T06:06:06.75', '2025-01-01T06:06:06.75Z'],
    // Go durations from now.
    ['24h', inDays(1)],
    ['1h', '2025-01-01T01:00:00Z'],
    ['+1h', '2025-01-01T01:00:00Z'],
    ['1.5h', '2025-01-01T01:30:00Z'],
    ['1.h', '2025-01-01T01:00:00Z'],
    ['.5m', '2025-01-01T00:00:30Z'],
    ['1h30m15.5s', '2025-01-01T01:30:15.5Z'],
    ['300ms', '2025-01-01T00:00:00.3Z'],
    ['1\u00b5s', '2025-01-01T00:00:00.000001Z'],
    ['1\u03bcs', '2025-01-01T00:00:00.000001Z'],
    ['2us', '2025-01-01T00:00:00.000002Z'],
    ['1ns', '2025-01-01T00:00:00.000000001Z'],
    ['8760h', inDays(365)],
  ];
  for (const [spec, want] of cases) {
    t.equal(parseExpiry(spec, now), want, spec);
  }

  const invalid = [
    '2022-01-01', // Juju's test
    '2022-03-04 06:06:06',
    '2022-03-04t06:06:06Z',
    '2022-03-04T06:06:06z',
    '2022-02-29T00:00:00Z',
    '2022-04-31T00:00:00Z',
    '2022-13-01T00:00:00Z',
    '2022-03-04T24:00:00Z',
    '2022-03-04T06:60:00Z',
    '2022-03-04T06:06:60Z',
    '2022-3-04T06:06:06Z',
    '2022-03-04T06:6:06Z',
    '2022-03-04T06:06:06.Z',
    '2022-03-04T06:06:06+25:00',
    '2022-03-04T06:06:06+02:61',
    '2022-03-04T06:06:06+0200',
    '2022-03-04T06:06:06Zjunk',
    '2025-01-01T06:06:06 ',
    '1',
    '1d',
    '.h',
    'h',
    '1h-',
    '2562048h',
    '9223372036854775808ns',
    'later',
  ];
  for (const spec of invalid) {
    t.same(outcome(() => parseExpiry(spec, now)), { error: `expire time or duration "${spec}" not valid` }, spec);
  }
  for (const spec of ['-1h', '0', '-0', '0s', '-1.5s']) {
    t.same(outcome(() => parseExpiry(spec, now)), { error: `negative expire duration "${spec}" not valid` }, spec);
  }
  t.equal(
    parseExpiry('9223372036854775807ns', now),
    `${new Date(now.getTime() + 9223372036854).toISOString().slice(0, -5)}.854775807Z`,
    'the longest duration',
  );
  t.equal(parseExpiry('1h', new Date('2025-01-01T00:00:00.123Z')), '2025-01-01T01:00:00.123Z', 'the time now keeps its fraction');
});
