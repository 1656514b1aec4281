// state-get [<key>|-] [--strict]: print one value of the unit's controller-side charm state, or
// the whole map. The state is read once per hook and includes this hook's pending writes.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import { type ContextUnitCharmState } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';
import { NotFoundError } from '../../core/errors.js';

export class StateGetCommand implements ToolCommand {
  private readonly out = new Output();
  private strict!: FlagRef<boolean>;
  private key = '';

  constructor(private readonly ctx: ContextUnitCharmState) {}

  info(): ToolInfo {
    return {
      name: 'state-get',
      args: '[<key>]',
      purpose: "Print a value of the unit's charm state.",
      doc: [
        "Prints the value stored under <key> in the unit's charm state, kept by the",
        'controller. Without a key, or with "-", prints every key and value. A key that is',
        'not set prints an empty value, or fails with --strict.',
        '',
        'See also: state-set, state-delete.',
      ].join('\n'),
      examples: `
    state-get last-backup
    state-get --format=json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.strict = f.bool(['strict'], false, 'Fail when the key is not set');
  }

  init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0] === '-' ? '' : args[0];
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const state = this.ctx.getCharmState();
    if (this.key === '') {
      // Juju hands the formatter a nil map when nothing is stored: `{}` in yaml, but `null` in json.
      const empty = Object.keys(state).length === 0;
      this.out.write(io, empty && this.out.name === 'json' ? null : state);
      return;
    }
    if (Object.hasOwn(state, this.key)) {
      this.out.write(io, state[this.key]);
      return;
    }
    if (this.strict.value) throw new NotFoundError(goQuote(this.key));
    this.out.write(io, '');
  }
}

export const stateGet: ToolFactory = (ctx) => new StateGetCommand(ctx);
