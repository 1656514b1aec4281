// is-leader: whether this unit is the application leader (and will stay so for 30 s).

import { annotate } from '../annotate.js';
import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextLeadership } from '../../core/hook-context.js';
import { Output } from '../output.js';
import type { FlagSet } from '../../core/gnuflag.js';

export class IsLeaderCommand implements ToolCommand {
  private readonly out = new Output();

  constructor(private readonly ctx: ContextLeadership) {}

  info(): ToolInfo {
    return {
      name: 'is-leader',
      purpose: 'Print whether this unit is the application leader.',
      doc: [
        'Prints True when the unit is the leader and will remain so for at least the next',
        '30 seconds, False otherwise. Once a hook has been told False it keeps that answer.',
        'If the command fails, the unit must not assume it leads.',
      ].join('\n'),
      examples: `
    if [ "$(is-leader)" = True ]; then leader-set ready=yes; fi
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    this.out.write(io, annotate('leadership status unknown', () => this.ctx.isLeader()));
  }
}

export const isLeader: ToolFactory = (ctx) => new IsLeaderCommand(ctx);
