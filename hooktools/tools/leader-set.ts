// leader-set <key>=<value>...: write the application's leader settings at once (leader only).

import { annotate } from '../annotate.js';
import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import type { ContextLeadership } from '../../core/hook-context.js';
import { parseKeyValues } from '../keyvalues.js';

export class LeaderSetCommand implements ToolCommand {
  private settings: Record<string, string> = {};

  constructor(private readonly ctx: ContextLeadership) {}

  info(): ToolInfo {
    return {
      name: 'leader-set',
      args: '<key>=<value> [...]',
      purpose: "Write the application's leader settings.",
      doc: [
        'Merges the given settings into the one leader-settings map of the application. An',
        'empty value removes the key. Only the leader may write; the write is immediate (it',
        'stays if the hook fails) and the other units get leader-settings-changed. Write',
        'settings that belong together in one call.',
      ].join('\n'),
      examples: `
    leader-set db-password=s3cret primary=10.0.0.12
`,
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    this.settings = parseKeyValues(args, true);
  }

  run(): void {
    annotate('cannot write leadership settings', () => this.ctx.writeLeaderSettings(this.settings));
  }
}

export const leaderSet: ToolFactory = (ctx) => new LeaderSetCommand(ctx);
