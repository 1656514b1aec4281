// leader-get [<key>|-]: the application's leader settings, or one of them.

import { annotate } from '../annotate.js';
import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextLeadership } from '../../core/hook-context.js';
import { goQuote, type FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';

export class LeaderGetCommand implements ToolCommand {
  private readonly out = new Output();
  /** '' means every key. */
  private key = '';

  constructor(private readonly ctx: ContextLeadership) {}

  info(): ToolInfo {
    return {
      name: 'leader-get',
      args: '[<key>]',
      purpose: "Print the application's leader settings.",
      doc: [
        'Prints one leader setting, or all of them as a map when the key is omitted or is',
        '"-". A key that is not set prints nothing (json: null).',
      ].join('\n'),
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    this.key = '';
    if (args.length === 0) return;
    const key = args[0];
    if (key !== '-' && key.includes('=')) throw new Error(`invalid key ${goQuote(key)}`);
    this.key = key === '-' ? '' : key;
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const settings = annotate('cannot read leadership settings', () => this.ctx.leaderSettings());
    if (this.key === '') {
      this.out.write(io, settings);
      return;
    }
    this.out.write(io, Object.hasOwn(settings, this.key) ? settings[this.key] : null);
  }
}

export const leaderGet: ToolFactory = (ctx) => new LeaderGetCommand(ctx);
