// Go's times as the Juju code we emulate reads and prints them: time.Parse with the RFC 3339
// layout (and that layout without its zone), and time.Time.UTC().Format(time.RFC3339Nano). A
// time is nanoseconds since the Unix epoch in a bigint, the unit of go-duration.ts, since Go
// keeps nanoseconds that a JavaScript number or Date cannot.

const NANOS_PER_SECOND = 1_000_000_000n;

/** time.RFC3339. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** The layouts parseGoTime knows: RFC 3339, and the same without its zone, read as UTC. */
export type GoTimeLayout = typeof RFC3339 | '2006-01-02T15:04:05';

// time.Parse's general parser with these layouts: the hour may have one digit, a fraction
// (after `.` or `,`) may follow the seconds, and nothing else may.
const goDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?/;
const goZone = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** time.Parse(layout, value) in nanoseconds since the epoch; undefined where Go returns an error. */
export function parseGoTime(layout: GoTimeLayout, value: string): bigint | undefined {
  const m = goDateTime.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const rest = value.slice(m[0].length);
  let offset = 0;
  if (layout === RFC3339) {
    const zone = goZone.exec(rest);
    if (!zone) return undefined;
    if (zone[1] !== undefined) {
      const [zoneHour, zoneMinute] = [Number(zone[2]), Number(zone[3])];
      // Go allows offsets of 24 hours or 60 minutes.
      if (zoneHour > 24 || zoneMinute > 60) return undefined;
      offset = (zone[1] === '-' ? -1 : 1) * (zoneHour * 3600 + zoneMinute * 60);
    }
  } else if (rest !== '') {
    return undefined;
  }
  // Only nine digits of a fraction count.
  const nanos = BigInt((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return BigInt(seconds) * NANOS_PER_SECOND + nanos;
}

/** time.Time.UTC().Format(time.RFC3339Nano) of a time given in nanoseconds since the epoch. */
export function formatRFC3339Nano(nanos: bigint): string {
  const seconds = floorDiv(nanos, NANOS_PER_SECOND);
  const fraction = nanos - seconds * NANOS_PER_SECOND;
  const days = Number(floorDiv(seconds, 86400n));
  const ofDay = Number(seconds - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  const two = (n: number) => String(n).padStart(2, '0');
  const yearText = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  const clock = `${two(Math.floor(ofDay / 3600))}:${two(Math.floor(ofDay / 60) % 60)}:${two(ofDay % 60)}`;
  const digits = fraction === 0n ? '' : `.${fraction.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${yearText}-${two(month)}-${two(day)}T${clock}${digits}Z`;
}

/** The same, of a JavaScript ISO time (as the daemon stores times): how Go prints a time.Time. */
export const formatISOAsRFC3339Nano = (iso: string): string => formatRFC3339Nano(BigInt(Date.parse(iso)) * 1_000_000n);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
