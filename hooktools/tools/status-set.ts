// status-set [--application] <maintenance|blocked|waiting|active> [message]: set the workload
// status at once (it survives a failing hook).

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ContextStatus } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';

/** The statuses a charm may set, in the order Juju lists them. */
const settable = ['maintenance', 'blocked', 'waiting', 'active'];

export class StatusSetCommand implements ToolCommand {
  private application!: FlagRef<boolean>;
  private status = '';
  private message = '';

  constructor(private readonly ctx: ContextStatus) {}

  info(): ToolInfo {
    return {
      name: 'status-set',
      args: '<maintenance | blocked | waiting | active> [message]',
      purpose: 'Set the workload status.',
      doc: [
        "Sets this unit's workload status, or with --application the application's (leader",
        'only). The message is optional and must be one argument. The change is immediate and',
        'updates the status time even when status and message are unchanged.',
      ].join('\n'),
      examples: `
    status-set maintenance "installing packages"
    status-set --application active
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.application = f.bool(['application'], false, "Set the application's status (leader only)");
  }

  init(args: string[]): void {
    if (args.length < 1) throw new Error('invalid args, require <status> [message]');
    if (!settable.includes(args[0])) {
      throw new Error(`invalid status ${goQuote(args[0])}, expected one of [${settable.join(' ')}]`);
    }
    this.status = args[0];
    if (args.length > 1) {
      this.message = args[1];
      checkEmpty(args.slice(2));
    }
  }

  run(): void {
    const status = { status: this.status, info: this.message, data: {} };
    // The context refuses a non-leader's application status, as Juju's does.
    if (this.application.value) this.ctx.setApplicationStatus(status);
    else this.ctx.setUnitStatus(status);
  }
}

export const statusSet: ToolFactory = (ctx) => new StatusSetCommand(ctx);
