// secret-remove <ID> [--revision N]: remove one revision of a secret, or the whole secret,
// when the hook succeeds.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ContextSecrets } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

export class SecretRemoveCommand implements ToolCommand {
  private revision!: FlagRef<number>;
  private uri = '';

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-remove',
      args: '<ID>',
      purpose: 'Remove a secret.',
      doc: [
        'Removes the secret with the given ID, every revision of it, or with --revision',
        'only that revision. The removal happens when the hook succeeds.',
      ].join('\n'),
      examples: `
    secret-remove secret:9m4e2mr0ui3e8a215n4g
    secret-remove secret:9m4e2mr0ui3e8a215n4g --revision 3
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.revision = f.int(['revision'], 0, 'Remove only this revision');
  }

  init(args: string[]): void {
    if (args.length === 0) throw new Error('missing secret URI');
    this.uri = secretURIString(parseSecretURI(args[0]));
    checkEmpty(args.slice(1));
  }

  run(): void {
    // Juju treats 0 and negative revisions as "every revision".
    this.ctx.removeSecret(this.uri, this.revision.value > 0 ? this.revision.value : undefined);
  }
}

export const secretRemove = (ctx: ContextSecrets): ToolCommand => new SecretRemoveCommand(ctx);
