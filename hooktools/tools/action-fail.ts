// action-fail ["<message>"]: mark the running action as failed. The hook's exit code, and so
// the commit of its buffered changes, is not affected.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ContextAction } from '../../core/hook-context.js';

/** Juju's message when none is given. */
export const defaultFailMessage = 'action failed without reason given, check action for errors';

export class ActionFailCommand implements ToolCommand {
  private message = defaultFailMessage;

  constructor(private readonly ctx: ContextAction) {}

  info(): ToolInfo {
    return {
      name: 'action-fail',
      args: '["<failure message>"]',
      purpose: 'Mark the running action as failed.',
      doc: [
        'Sets the running action to fail with the given message, or with a general one when',
        'none is given. The action still runs to its end, and its results are kept.',
      ].join('\n'),
      examples: `
    action-fail 'the backup target is full'
`,
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length === 0) return;
    this.message = args[0];
    checkEmpty(args.slice(1));
  }

  run(): void {
    this.ctx.setActionMessage(this.message);
    this.ctx.setActionFailed();
  }
}

export const actionFail: ToolFactory = (ctx) => new ActionFailCommand(ctx);
