// Go's time.ParseDuration, table-tested with the cases of Go's own time package tests.
import t from 'tap';
import { DurationError, parseDuration } from '../../core/go-duration.js';

const ns = 1n;
const us = 1_000n;
const ms = 1_000_000n;
const second = 1_000_000_000n;
const minute = 60n * second;
const hour = 60n * minute;

t.test('valid durations', async (t) => {
  const cases: Array<[string, bigint]> = [
    ['0', 0n],
    ['5s', 5n * second],
    ['30s', 30n * second],
    ['1478s', 1478n * second],
    ['-5s', -5n * second],
    ['+5s', 5n * second],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * second],
    ['5.6s', 5n * second + 600n * ms],
    ['5.s', 5n * second],
    ['.5s', 500n * ms],
    ['1.004s', second + 4n * ms],
    ['100.00100s', 100n * second + ms],
    ['10ns', 10n * ns],
    ['11us', 11n * us],
    ['12µs', 12n * us],
    ['12μs', 12n * us],
    ['13ms', 13n * ms],
    ['15m', 15n * minute],
    ['16h', 16n * hour],
    ['3h30m', 3n * hour + 30n * minute],
    ['10.5s4m', 4n * minute + 10n * second + 500n * ms],
    ['-2m3.4s', -(2n * minute + 3n * second + 400n * ms)],
    ['1h2m3s4ms5us6ns', hour + 2n * minute + 3n * second + 4n * ms + 5n * us + 6n * ns],
    ['39h9m14.425s', 39n * hour + 9n * minute + 14n * second + 425n * ms],
    ['52763797000ns', 52763797000n],
    ['0.3333333333333333333h', 20n * minute],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-9223372036854775.808us', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * minute],
    ['0.830103483285477580700h', 49n * minute + 48n * second + 372539827n],
  ];
  for (const [text, want] of cases) t.equal(parseDuration(text), want, text);
});

t.test('errors, in Go\'s words', async (t) => {
  const cases: Array<[string, string]> = [
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['5 m', 'time: unknown unit " m" in duration "5 m"'],
    ['10sec', 'time: unknown unit "sec" in duration "10sec"'],
    ['\uFFFD', 'time: invalid duration "\\xef\\xbf\\xbd"'],
    ['1"\\', 'time: unknown unit "\\"\\\\" in duration "1\\"\\\\"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['9223372036854776us', 'time: invalid duration "9223372036854776us"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
  ];
  for (const [text, message] of cases) t.throws(() => parseDuration(text), new DurationError(message), JSON.stringify(text));
});
