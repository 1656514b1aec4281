// Charm config as `juju config` handles it: values arrive as strings and are checked and
// converted against the option types of config.yaml.
import type { ConfigOption, ConfigValue } from '../../core/hook-context.js';
import { JujuSimError } from '../../core/errors.js';

function convert(name: string, option: ConfigOption, text: string): ConfigValue {
  const fail = (): never => {
    throw new JujuSimError(`option "${name}" expected ${option.type}, got "${text}"`);
  };
  switch (option.type) {
    case 'int':
      return /^[+-]?\d+$/.test(text.trim()) ? Number(text) : fail();
    case 'float':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : fail();
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
