// secret-set <ID> [options] [key[#base64|#file]=value…]: give a secret new content (a new
// revision) or new metadata, saved when the hook succeeds.

import type { ToolCommand, ToolInfo } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextSecrets, SecretUpsert } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { SecretUpsertFlags } from '../secret-flags.js';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

export class SecretSetCommand implements ToolCommand {
  private readonly flags = new SecretUpsertFlags();
  private uri = '';
  private upsert: SecretUpsert = {};

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-set',
      args: '<ID> [key[#base64|#file]=value...]',
      purpose: 'Update a secret.',
      doc: [
        'Gives a secret new content, which becomes a new revision, and/or new metadata.',
        'Keys and values are given as for secret-add; with none, only the options given',
        'change. --owner is checked but has no effect: a secret keeps its owner.',
        'The change is saved when the hook succeeds.',
      ].join('\n'),
      examples: `
    secret-set secret:9m4e2mr0ui3e8a215n4g password=n3w
    secret-set secret:9m4e2mr0ui3e8a215n4g --rotate monthly
    secret-set secret:9m4e2mr0ui3e8a215n4g --label db-password --expire 2030-01-01T00:00:00Z
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.flags.setFlags(f);
  }

  init(args: string[], io: ToolIO): void {
    if (args.length === 0) throw new Error('missing secret URI');
    this.uri = secretURIString(parseSecretURI(args[0]));
    this.upsert = this.flags.parse(args.slice(1), new Date(), io);
  }

  run(): void {
    this.ctx.updateSecret(this.uri, this.upsert);
  }
}

export const secretSet = (ctx: ContextSecrets): ToolCommand => new SecretSetCommand(ctx);
