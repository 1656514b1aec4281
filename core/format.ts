// juju/cmd's output formatters (smart, yaml, json), byte for byte. Juju marshals YAML with its
// fork of gopkg.in/yaml.v2 (github.com/juju/yaml/v2, pinned by a replace directive in juju's
// go.mod): the v2 encoder (format/yaml-encoder.ts) and libyaml emitter (format/yaml-emitter.ts).

import { jsonValue } from './format/json.js';
import { GoBytes, type GoValue } from './format/value.js';
import { YamlEmitter } from './format/yaml-emitter.js';
import { yamlNode } from './format/yaml-encoder.js';

export { GoBytes, GoFloat, GoStruct, GoTime, type GoValue } from './format/value.js';

export type FormatName = 'smart' | 'yaml' | 'json';

const NOTHING = Buffer.alloc(0);

/** What interfaceSlice marks a list with. */
const interfaceSlices = new WeakSet<GoValue[]>();

/**
 * Marks a list as Go's []interface{}, which decoded JSON or YAML gives (action parameters):
 * smart prints it as yaml even when every item is a string, where a []string is one item a line.
 */
export function interfaceSlice(items: GoValue[]): GoValue[] {
  interfaceSlices.add(items);
  return items;
}

/** juju/cmd FormatSmart: strings raw, bools as Python prints them, []string one per line. */
export function formatSmart(v: GoValue): Buffer {
  if (v === null || v === undefined) return NOTHING;
  if (typeof v === 'string') return Buffer.from(v);
  if (v instanceof GoBytes) return v.bytes;
  if (typeof v === 'boolean') return Buffer.from(v ? 'True' : 'False');
  if (Array.isArray(v) && !interfaceSlices.has(v) && v.every((item) => typeof item === 'string')) {
    return Buffer.from(v.join('\n'));
  }
  return formatYaml(v);
}

/** yaml.v2 Marshal with trailing newlines trimmed; a nil value prints nothing. */
export function formatYaml(v: GoValue): Buffer {
  if (v === null || v === undefined) return NOTHING;
  const emitter = new YamlEmitter();
  emitter.emitNode(yamlNode(v), {});
  emitter.writeIndent();
  return Buffer.from(emitter.output().replace(/(?<=.)\n+$/s, ''));
}

/** encoding/json Marshal: compact, map keys sorted, HTML-escaped. */
export function formatJson(v: GoValue): Buffer {
  return Buffer.from(jsonValue(v));
}

export const formatters: Record<FormatName, (v: GoValue) => Buffer> = {
  smart: formatSmart,
  yaml: formatYaml,
  json: formatJson,
};
