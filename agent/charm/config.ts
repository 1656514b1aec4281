// Charm config as `juju config` handles it: values arrive as strings and are checked and
// converted against the option types of config.yaml.
import type { ConfigOption, ConfigValue } from '../../core/hook-context.js';
import { JujuSimError } from '../../core/errors.js';
import { goQuote } from '../../core/gnuflag.js';

// strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing around them.
const goInt = /^[+-]?[0-9]+$/;
// strconv.ParseFloat(s, 64): decimal, or hexadecimal with a p exponent. (Go also takes inf and
// nan, which juju-sim refuses: its JSON store cannot keep them.)
const goFloat = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+)$/;
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function hexFloat(text: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(text)!;
  const mantissa = parseInt(`${m[2]}${m[3]}` || '0', 16);
  return (m[1] === '-' ? -1 : 1) * mantissa * 2 ** (Number(m[4]) - 4 * m[3].length);
}

/** charm.Option.parse: the option's type from text, as Go's strconv reads it. */
function convert(name: string, option: ConfigOption, text: string): ConfigValue {
  const fail = (): never => {
    throw new JujuSimError(`option "${name}" expected ${option.type}, got ${goQuote(text)}`);
  };
  switch (option.type) {
    case 'int': {
      if (!goInt.test(text)) return fail();
      const value = BigInt(text);
      return value < int64.min || value > int64.max ? fail() : Number(value);
    }
    case 'float': {
      if (!goFloat.test(text)) return fail();
      const value = /0x/i.test(text) ? hexFloat(text) : Number(text);
      // Out of float64's range is ParseFloat's ErrRange.
      return Number.isFinite(value) ? value : fail();
    }
    case 'boolean':
      if (['true', 'True', 'TRUE', '1', 't', 'T'].includes(text)) return true;
      if (['false', 'False', 'FALSE', '0', 'f', 'F'].includes(text)) return false;
      return fail();
    default:
      return text;
  }
}

/** Parses `key=value` settings against the charm's options. */
export function parseSettings(options: Record<string, ConfigOption>, pairs: Record<string, string>): Record<string, ConfigValue> {
  const values: Record<string, ConfigValue> = {};
  for (const [name, text] of Object.entries(pairs)) {
    const option = options[name];
    if (!option) throw new JujuSimError(`unknown option "${name}"`);
    values[name] = convert(name, option, text);
  }
  return values;
}

/**
 * Option values as a bundle gives them, typed by YAML, against the charm's options: Juju's
 * config schema takes numbers and booleans for the options of their type, and text that reads
 * as one, but only text for a string option.
 */
export function parseValues(options: Record<string, ConfigOption>, values: Record<string, string | number | boolean>): Record<string, ConfigValue> {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (options[name]?.type === 'string' && typeof value !== 'string') throw new JujuSimError(`option "${name}" expected string, got ${value}`);
    texts[name] = String(value);
  }
  return parseSettings(options, texts);
}

/** `juju config <app> --format json`'s `settings`: value, default, source and type of each option. */
export function describeSettings(options: Record<string, ConfigOption>, values: Record<string, ConfigValue>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(options).sort(([a], [b]) => a.localeCompare(b))) {
    const hasDefault = option.default !== undefined && option.default !== null;
    const value = name in values ? values[name] : hasDefault ? option.default : undefined;
    settings[name] = {
      ...(hasDefault ? { default: option.default } : {}),
      description: option.description ?? '',
      source: name in values && values[name] !== option.default ? 'user' : hasDefault ? 'default' : 'unset',
      type: option.type,
      ...(value !== undefined ? { value } : {}),
    };
  }
  return settings;
}
