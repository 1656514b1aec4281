// What `juju run` makes of its arguments (Juju's cmd/juju/action/run.go: Init and
// enqueueActions): units (or `<application>/leader`) up to the action name, then
// `key.key=value` params whose values are read as YAML (`n=3` is the integer 3), laid over the
// mapping of a `--params` file. YAML is read with yaml.v2's rules (YAML 1.1 words such as `yes`
// are booleans; timestamps stay strings), as the juju client reads it.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Scalar } from 'yaml';
import { UsageError } from '../core/errors.js';
import { goQuote } from '../core/gnuflag.js';
import { actionNameRule, applicationSnippet, numberSnippet } from '../core/names.js';
import { BINARY_TAG, TIMESTAMP_TAG, decodeBinary, resolveScalar, shortTag } from '../core/yaml/resolve.js';

/** A unit (`demo/0`) or an application's leader (`demo/leader`). */
const unitOrLeader = new RegExp(`^(${applicationSnippet})/(?:${numberSnippet}|leader)$`);

export interface KeyValue {
  keys: string[];
  value: string;
}

export interface RunArgs {
  receivers: string[];
  action: string;
  params: KeyValue[];
}

/** Juju's Init checks; each failure is a usage error. */
export function parseRunArgs(args: string[]): RunArgs {
  const receivers: string[] = [];
  const applications = new Set<string>();
  let action = '';
  for (const arg of args) {
    const unit = unitOrLeader.exec(arg);
    if (unit) {
      applications.add(unit[1]);
      receivers.push(arg);
    } else if (actionNameRule.test(arg)) {
      action = arg;
      break;
    } else {
      throw new UsageError(`invalid unit or action name ${goQuote(arg)}`);
    }
  }
  if (receivers.length === 0) throw new UsageError('no unit specified');
  if (action === '') throw new UsageError('no action specified');
  if (applications.size > 1) throw new UsageError('all units must be of the same application');
  const params = args.slice(receivers.length + 1).map((arg): KeyValue => {
    const eq = arg.indexOf('=');
    if (eq < 0) throw new UsageError(`argument ${goQuote(arg)} must be of the form key.key.key...=value`);
    const keys = arg.slice(0, eq).split('.');
    for (const key of keys) {
      if (!actionNameRule.test(key)) {
        throw new UsageError(
          `key ${goQuote(key)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric and hyphens`,
        );
      }
    }
    return { keys, value: arg.slice(eq + 1) };
  });
  return { receivers, action, params };
}

// ---- yaml.v2 into Go's interface{} ----

/** A scalar into Go's interface{}: a timestamp stays a string, an integer is a number. */
function scalarValue(node: Scalar): unknown {
  const { tag, value } = resolveScalar(node);
  if (tag === BINARY_TAG) return decodeBinary(node.source ?? '');
  if (tag === TIMESTAMP_TAG) return node.source ?? '';
  return typeof value === 'bigint' ? Number(value) : value;
}

class Decoder {
  constructor(private readonly doc: Document) {}

  /** A node into Go's interface{}; nested maps must have string keys (ConformYAML). */
  value(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.value(node.resolve(this.doc));
    if (isScalar(node)) {
      const value = scalarValue(node);
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`json: unsupported value: ${goInfNaN(value)}`);
      return value;
    }
    if (isSeq(node)) return node.items.map((item) => this.value(item));
    if (isMap(node)) {
      const map: Record<string, unknown> = {};
      for (const { key, value } of node.items) {
        const name = this.value(key);
        if (typeof name !== 'string') throw new Error('map keyed with non-string value');
        map[name] = this.value(value);
      }
      return map;
    }
    return null;
  }

  /** The document into map[string]interface{}: top-level keys are taken as written. */
  topLevel(root: unknown): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (root === null || root === undefined) return params;
    if (!isMap(root)) throw new Error(`yaml: unmarshal errors:\n  line 1: cannot unmarshal ${shown(root)} into map[string]interface {}`);
    for (const { key, value } of root.items) {
      const k = isAlias(key) ? key.resolve(this.doc) : key;
      if (!isScalar(k)) throw new Error('params must contain a YAML map with string keys');
      params[k.source ?? String(k.value ?? '')] = this.value(value);
    }
    return params;
  }
}

const goInfNaN = (n: number): string => (Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf');

/** How yaml.v2's type error shows a node: its tag, and a scalar's text (shortened). */
function shown(node: unknown): string {
  if (!isScalar(node)) return isSeq(node) ? '!!seq' : '!!map';
  // Resolving comes first: a tag the text does not fit fails before any type error.
  const { tag } = resolveScalar(node);
  const text = node.source ?? '';
  return `${shortTag(node.tag ?? tag)} \`${text.length > 10 ? `${text.slice(0, 7)}...` : text}\``;
}

function parse(text: string): Document {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`yaml: ${doc.errors[0].message.split('\n')[0]}`);
  return doc;
}

/** A `key=value` value as yaml.v2 reads it into interface{}. */
export function yamlValue(text: string): unknown {
  const doc = parse(text);
  return new Decoder(doc).value(doc.contents);
}

/** A `--params` file: a YAML mapping (an empty file is no params). */
export function paramsFile(data: Buffer): Record<string, unknown> {
  const doc = parse(data.toString('utf8'));
  return new Decoder(doc).topLevel(doc.contents);
}

/** Juju's addValueToMap: walks (or makes) nested maps, a scalar on the way becoming a map. */
function setParam(params: Record<string, unknown>, keys: string[], value: unknown): void {
  let target = params;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}

/** The params of the action: the file's mapping, then each `key=value` over it. */
export function actionParams(file: Buffer | undefined, args: KeyValue[], stringArgs: boolean): Record<string, unknown> {
  const params = file ? paramsFile(file) : {};
  for (const { keys, value } of args) setParam(params, keys, stringArgs ? value : yamlValue(value));
  return params;
}
