// How the CLI prints structured results: `--format json` is compact like Juju's, yaml is
// block style, and each command brings its own human format.
import { Option } from 'commander';
import { stringify } from 'yaml';
import type { CommandIO } from './io.js';

export type Format = 'json' | 'yaml' | 'human';

/** The `--format` option of a command whose default is a human-readable rendering. */
export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(['human', 'json', 'yaml']).default('human');

export function render(value: unknown, format: Format, human: (v: never) => string): string {
  if (format === 'json') return `${JSON.stringify(value)}\n`;
  if (format === 'yaml') return stringify(value);
  return human(value as never);
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
