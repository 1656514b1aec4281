// Juju's constraints (core/constraints): `key=value` words parsed as constraints.Parse parses
// them, kept as constraints.Value marshals to JSON (its fields in struct order, sizes in MiB),
// and printed back as Value.String prints them. juju-sim makes no machines, so they constrain
// nothing; `model-constraints` shows what was set.
import { JujuSimError } from './errors.js';

type Kind = 'string' | 'arch' | 'count' | 'size' | 'list' | 'bool';

/** Each constraint in constraints.Value's field order (its JSON and YAML order). */
const fields: Array<[string, Kind]> = [
  ['arch', 'arch'],
  ['container', 'string'],
  ['cores', 'count'],
  ['cpu-power', 'count'],
  ['mem', 'size'],
  ['root-disk', 'size'],
  ['root-disk-source', 'string'],
  ['tags', 'list'],
  ['instance-role', 'string'],
  ['instance-type', 'string'],
  ['spaces', 'list'],
  ['virt-type', 'string'],
  ['zones', 'list'],
  ['allocate-public-ip', 'bool'],
  ['image-id', 'string'],
];
const kinds = new Map(fields);

/** Value.String's order, which differs from the fields'. */
const printOrder = ['arch', 'container', 'cores', 'cpu-power', 'instance-role', 'instance-type', 'mem', 'root-disk', 'root-disk-source', 'tags', 'spaces', 'virt-type', 'zones', 'allocate-public-ip', 'image-id'];

const aliases: Record<string, string> = { 'cpu-cores': 'cores' };
const supportedArches = ['amd64', 'arm64', 'ppc64el', 's390x', 'riscv64'];
const mebibytes: Record<string, number> = { M: 1, G: 1024, T: 1024 * 1024, P: 1024 * 1024 * 1024 };

export type Constraints = Record<string, string | number | boolean | string[]>;

function parseValue(kind: Kind, text: string): string | number | boolean | string[] {
  switch (kind) {
    case 'arch':
      if (text !== '' && !supportedArches.includes(text)) throw new Error(`"${text}" not recognized`);
      return text;
    case 'count':
      if (text !== '' && !/^\d+$/.test(text)) throw new Error('must be a non-negative integer');
      return text === '' ? 0 : Number(text);
    case 'size': {
      if (text === '') return 0;
      const multiplier = mebibytes[text.at(-1)!];
      const number = Number(multiplier === undefined ? text : text.slice(0, -1));
      if (!/^[\d.eE+-]+$/.test(multiplier === undefined ? text : text.slice(0, -1)) || !Number.isFinite(number) || number < 0) {
        throw new Error('must be a non-negative float with optional M/G/T/P suffix');
      }
      return Math.ceil(number * (multiplier ?? 1));
    }
    case 'list':
      return text === '' ? [] : text.split(',');
    case 'bool':
      if (!['1', 't', 'T', 'true', 'TRUE', 'True', '0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) throw new Error("must be 'true' or 'false'");
      return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text);
    default:
      return text;
  }
}

/** constraints.Parse: each argument's space-separated `key=value` words; a key at most once. */
export function parseConstraints(args: string[]): Constraints {
  const parsed: Constraints = {};
  for (const word of args.join(' ').split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new JujuSimError(`malformed constraint "${word}"`);
    const given = word.slice(0, eq);
    const name = aliases[given] ?? given;
    const kind = kinds.get(name);
    if (kind === undefined) throw new JujuSimError(`unknown constraint "${given}"`);
    // Juju leaves allocate-public-ip unset when it is given empty.
    if (kind === 'bool' && word.slice(eq + 1) === '') continue;
    try {
      if (Object.hasOwn(parsed, name)) throw new Error('already set');
      parsed[name] = parseValue(kind, word.slice(eq + 1));
    } catch (err) {
      throw new JujuSimError(`bad "${given}" constraint: ${(err as Error).message}`);
    }
  }
  return Object.fromEntries(fields.filter(([name]) => Object.hasOwn(parsed, name)).map(([name]) => [name, parsed[name]]));
}

/** Value.String: `key=value` words in Juju's order, sizes in M, spaces escaped. */
export function constraintsString(constraints: Constraints): string {
  const words: string[] = [];
  for (const name of printOrder) {
    if (!Object.hasOwn(constraints, name)) continue;
    const value = constraints[name];
    let text = Array.isArray(value) ? value.join(',') : String(value);
    if (kinds.get(name) === 'size' && text !== '') text += 'M';
    words.push(`${name}=${text}`.replaceAll(' ', '\\ '));
  }
  return words.join(' ');
}
