// state-delete <key>: buffer the removal of a key from the unit's controller-side charm state.
// A key that is not set, or no key at all, is no error.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ContextUnitCharmState } from '../../core/hook-context.js';

export class StateDeleteCommand implements ToolCommand {
  private key = '';

  constructor(private readonly ctx: ContextUnitCharmState) {}

  info(): ToolInfo {
    return {
      name: 'state-delete',
      args: '<key>',
      purpose: "Delete a key from the unit's charm state.",
      doc: [
        "Removes <key> and its value from the unit's charm state. state-get stops seeing",
        'the key at once; the removal is saved when the hook succeeds. Deleting a key that',
        'is not set does nothing.',
        '',
        'See also: state-get, state-set.',
      ].join('\n'),
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length === 0) return;
    this.key = args[0];
    checkEmpty(args.slice(1));
  }

  run(): void {
    if (this.key !== '') this.ctx.deleteCharmStateValue(this.key);
  }
}

export const stateDelete: ToolFactory = (ctx) => new StateDeleteCommand(ctx);
