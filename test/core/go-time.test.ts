import t from 'tap';
import { formatRFC3339Nano, parseGoTime, RFC3339 } from '../../core/go-time.js';

t.test('time.Parse, and Format(time.RFC3339Nano) in UTC', async (t) => {
  const zoneless = '2006-01-02T15:04:05';
  const cases: Array<[typeof RFC3339 | typeof zoneless, string, bigint | undefined, string?]> = [
    [RFC3339, '1970-01-01T00:00:00Z', 0n, '1970-01-01T00:00:00Z'],
    [RFC3339, '1970-01-01T00:00:00.000000001Z', 1n, '1970-01-01T00:00:00.000000001Z'],
    [RFC3339, '1970-01-01T01:00:00+01:00', 0n, '1970-01-01T00:00:00Z'],
    [RFC3339, '1969-12-31T23:59:59.5Z', -500_000_000n, '1969-12-31T23:59:59.5Z'],
    [RFC3339, '1970-01-01T00:00:00.1234567891Z', 123_456_789n, '1970-01-01T00:00:00.123456789Z'],
    [RFC3339, '2025-01-01T06:06:06', undefined],
    [zoneless, '1970-01-01T00:00:01', 1_000_000_000n, '1970-01-01T00:00:01Z'],
    [zoneless, '1970-01-01T00:00:01Z', undefined],
    [zoneless, '1970-01-01T00:00:01+00:00', undefined],
  ];
  for (const [layout, text, nanos, formatted] of cases) {
    const parsed = parseGoTime(layout, text);
    t.equal(parsed, nanos, `${layout}: ${text}`);
    if (parsed !== undefined) t.equal(formatRFC3339Nano(parsed), formatted, `${text} printed`);
  }
});
