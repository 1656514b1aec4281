// config-get [-a|--all] [<key>]: the application's charm config, typed.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ConfigValue, ContextUnit } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { GoFloat, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';

export class ConfigGetCommand implements ToolCommand {
  private readonly out = new Output();
  private all!: FlagRef<boolean>;
  /** '' means every option. */
  private key = '';

  constructor(private readonly ctx: ContextUnit) {}

  info(): ToolInfo {
    return {
      name: 'config-get',
      args: '[<key>]',
      purpose: "Print the application's charm config.",
      doc: [
        'Without a key, prints a map of the options that are set or have a default. With',
        '--all, options without a value are included too, as null. With a key, prints that',
        'option\'s value; an unknown key prints nothing (json: null) and is not an error.',
        'Values keep their config.yaml type: string, int, float or boolean.',
        '',
        'A key and --all cannot be given together.',
      ].join('\n'),
      examples: `
    PORT=$(config-get port)
    config-get --all --format=json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.all = f.bool(['a', 'all'], false, 'Include options that have no value');
  }

  init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0];
    // Juju checks --all before the extra arguments.
    if (this.key !== '' && this.all.value) {
      throw new Error(`cannot use argument --all together with key ${goQuote(this.key)}`);
    }
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const settings = this.ctx.configSettings();
    if (this.key !== '') {
      this.out.write(io, Object.hasOwn(settings, this.key) ? goConfigValue(settings[this.key]) : null);
      return;
    }
    const shown = new Map<string, GoValue>();
    if (this.all.value) {
      for (const name of Object.keys(this.ctx.configOptions())) shown.set(name, null);
    }
    for (const [name, value] of Object.entries(settings)) {
      if (value !== null || this.all.value) shown.set(name, goConfigValue(value));
    }
    // fromEntries keeps a key such as `__proto__` as data.
    this.out.write(io, Object.fromEntries(shown));
  }
}

/** Juju's agent gets config over its JSON API, so every number reaches the tool as a float64. */
function goConfigValue(value: ConfigValue): GoValue {
  return typeof value === 'number' ? new GoFloat(value) : value;
}

export const configGet: ToolFactory = (ctx) => new ConfigGetCommand(ctx);
