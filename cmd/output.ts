// How the CLI prints structured results: `--format json` is compact like Juju's, yaml is
// block style, and each command brings its own human format.
import { Option } from 'commander';
import { formatYaml, GoStruct, type GoValue } from '../core/format.js';
import type { CommandIO } from './io.js';

export type Format = 'json' | 'yaml' | 'human' | 'tabular';

/**
 * The `--format` option of a command whose default is a human-readable rendering; `tabular` is
 * that format's name in Juju (`juju status --format tabular`), `human` juju-sim's.
 */
export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(['human', 'tabular', 'json', 'yaml']).default('human');

export function render(value: unknown, format: Format, human: (v: never) => string): string {
  if (format === 'json') return `${JSON.stringify(value)}\n`;
  if (format === 'yaml') return orderedYaml(value);
  return human(value as never);
}

/** A JSON value as Go values whose objects keep their keys' order (the order the server wrote them in). */
function inOrder(value: unknown): GoValue {
  if (Array.isArray(value)) return value.map(inOrder);
  if (value === null || typeof value !== 'object') return value as GoValue;
  return new GoStruct(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, inOrder(v)]));
}

/**
 * YAML as Juju prints it (yaml.v2: strings that YAML 1.1 would read as another type, such as
 * `yes`, `on` or `1e3`, are quoted), with each object's keys in the order they come.
 */
export function orderedYaml(value: unknown): string {
  return `${formatYaml(inOrder(value)).toString()}\n`;
}

/** Left-aligned columns separated by two spaces, as Juju's tabular output. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/** How human output is laid out: at a terminal's width and in colour there, 80 columns and none elsewhere. */
export const layout = (io: CommandIO): { width: number; colour: boolean } => ({
  width: io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80,
  colour: io.stdout.isTTY,
});
