// action-log <message…>: record a progress message for the running action, at once.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import { UsageError } from '../../core/errors.js';
import type { ContextAction } from '../../core/hook-context.js';

export class ActionLogCommand implements ToolCommand {
  private message = '';

  constructor(private readonly ctx: ContextAction) {}

  info(): ToolInfo {
    return {
      name: 'action-log',
      args: '<message>',
      purpose: 'Record a progress message for the running action.',
      doc: 'The arguments are joined with spaces into one message, which the user sees at once.',
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no message specified');
    this.message = args.join(' ');
  }

  run(): void {
    this.ctx.logActionMessage(this.message);
  }
}

export const actionLog: ToolFactory = (ctx) => new ActionLogCommand(ctx);
