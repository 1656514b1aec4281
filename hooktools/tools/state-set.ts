// state-set [--file <path>|-] [key=value…]: buffer writes to the unit's controller-side charm
// state; they are saved when the hook exits 0. An empty value is stored, not deleted.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextUnitCharmState } from '../../core/hook-context.js';
import { FileVar } from '../file-var.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { parseKeyValues } from '../keyvalues.js';
import { unmarshalStringMap } from '../../core/yaml/string-map.js';

/** Juju's fixed charm-state quota (core/quota): bytes per key and per value. */
export const maxCharmStateKeySize = 256;
export const maxCharmStateValueSize = 64 * 1024;

export class StateSetCommand implements ToolCommand {
  private readonly file = new FileVar();
  private pairs: Record<string, string> = {};

  constructor(private readonly ctx: ContextUnitCharmState) {}

  info(): ToolInfo {
    return {
      name: 'state-set',
      args: 'key=value [key=value ...]',
      purpose: "Set values in the unit's charm state.",
      doc: [
        "Stores each key and value in the unit's charm state, kept by the controller. The",
        'writes are saved when the hook succeeds; state-get sees them at once. An empty',
        'value is stored as an empty string (state-delete removes a key).',
        '',
        'Values too long for a command line go in a YAML (or JSON) map passed with --file;',
        '"--file -" reads that map from standard input. key=value arguments override keys',
        'from the file.',
        '',
        `A key may be at most ${maxCharmStateKeySize} bytes long, a value at most ${maxCharmStateValueSize} bytes.`,
        '',
        'See also: state-get, state-delete.',
      ].join('\n'),
      examples: `
    state-set last-backup=2024-05-01
    echo '{"config": "a long value"}' | state-set --file -
`,
    };
  }

  setFlags(f: FlagSet): void {
    f.var(['file'], this.file, 'Read values from a YAML map in this file ("-" for stdin)');
  }

  init(args: string[]): void {
    this.pairs = parseKeyValues(args, true);
  }

  run(io: ToolIO): void {
    const values = this.file.path === '' ? new Map<string, string>() : unmarshalStringMap(this.file.read(io));
    for (const [key, value] of Object.entries(this.pairs)) values.set(key, value);
    // Juju checks each pair as it stores it, in map order; checking all first keeps the
    // outcome the same on every run.
    for (const [key, value] of values) checkQuota(key, value);
    for (const [key, value] of values) this.ctx.setCharmStateValue(key, value);
  }
}

/** quota.CheckTupleSize with the charm-state limits. */
function checkQuota(key: string, value: string): void {
  if (Buffer.byteLength(key) > maxCharmStateKeySize) {
    throw new Error(`max allowed key length (${maxCharmStateKeySize}) exceeded`);
  }
  if (Buffer.byteLength(value) > maxCharmStateValueSize) {
    throw new Error(`max allowed value length (${maxCharmStateValueSize}) exceeded`);
  }
}

export const stateSet: ToolFactory = (ctx) => new StateSetCommand(ctx);
