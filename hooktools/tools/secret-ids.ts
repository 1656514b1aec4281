// secret-ids: list the IDs of the secrets this unit owns, and its application's too when it is
// the leader.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextSecrets } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';

export class SecretIdsCommand implements ToolCommand {
  private readonly out = new Output();

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-ids',
      purpose: 'Print the IDs of the secrets the charm owns.',
      doc: [
        'Lists the IDs of the secrets this unit owns and, on the leader, the secrets its',
        'application owns, one per line (a list in yaml or json).',
      ].join('\n'),
      examples: `
    secret-ids
    secret-ids --format json
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
    // Juju lists them in Go's map order, which is random; sorted is one of its orders.
    const ids = Object.keys(this.ctx.secretMetadata()).sort();
    // Juju builds the list by appending to a nil slice: with no secrets json prints null.
    this.out.write(io, ids.length === 0 && this.out.name === 'json' ? null : ids);
  }
}

export const secretIds = (ctx: ContextSecrets): ToolCommand => new SecretIdsCommand(ctx);
