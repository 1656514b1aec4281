// unit-get <private-address|public-address>: one of this unit's addresses.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextNetworking } from '../../core/hook-context.js';
import { goQuote, type FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';

export class UnitGetCommand implements ToolCommand {
  private readonly out = new Output();
  private setting = '';

  constructor(private readonly ctx: ContextNetworking) {}

  info(): ToolInfo {
    return {
      name: 'unit-get',
      args: '<setting>',
      purpose: "Print this unit's private-address or public-address.",
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    if (args.length === 0) throw new Error('no setting specified');
    if (args[0] !== 'private-address' && args[0] !== 'public-address') {
      throw new Error(`unknown setting ${goQuote(args[0])}`);
    }
    this.setting = args[0];
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    this.out.write(io, this.setting === 'private-address' ? this.privateAddress() : this.ctx.publicAddress());
  }

  /**
   * The first address of the default binding, or its hostname when it was resolved from one;
   * the unit's own private address when the binding has none (or cannot be read).
   */
  private privateAddress(): string {
    let address;
    try {
      address = this.ctx.networkInfo([''], undefined)['']?.bindAddresses[0]?.addresses[0];
    } catch {
      // Juju falls back without reporting the error.
    }
    if (address === undefined) return this.ctx.privateAddress();
    return address.hostname !== '' ? address.hostname : address.value;
  }
}

export const unitGet: ToolFactory = (ctx) => new UnitGetCommand(ctx);
