// secret-add [options] [key[#base64|#file]=value…]: create a secret owned by the application
// (leader only) or by the unit. The new URI is printed at once; the content is saved when the
// hook succeeds.

import type { ToolCommand, ToolInfo } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextSecrets, SecretUpsert } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { SecretUpsertFlags } from '../secret-args.js';

export class SecretAddCommand implements ToolCommand {
  private readonly flags = new SecretUpsertFlags();
  private upsert: SecretUpsert = {};

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-add',
      args: '[key[#base64|#file]=value...]',
      purpose: 'Create a secret.',
      doc: [
        'Stores the given keys and values as a new secret and prints its URI. Values are',
        'stored base64-encoded: a key ending in #base64 takes a value that already is, and',
        'a key ending in #file takes the path of a file to read the value from. Keys are',
        'at least three characters of a-z, 0-9 and single dashes, starting with a letter.',
        '',
        'The secret belongs to the application unless --owner unit is given; only the',
        'leader may create an application secret. It is saved when the hook succeeds.',
      ].join('\n'),
      examples: `
    secret-add password=s3cret
    secret-add --owner unit --label tls cert#file=/tmp/cert.pem key#file=/tmp/key.pem
    secret-add --expire 24h --rotate daily token#base64=czNjcmV0
    secret-add --description "admin login" --file creds.yaml
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.flags.setFlags(f);
  }

  init(args: string[], io: ToolIO): void {
    if (args.length === 0 && this.flags.fileName === '') throw new Error('missing secret value or filename');
    this.upsert = this.flags.parse(args, new Date(), io);
  }

  run(io: ToolIO): void {
    if (this.upsert.value === undefined) throw new Error('empty secret value not valid');
    const uri = this.ctx.createSecret({ ...this.upsert, owner: this.flags.owner });
    io.stdout.write(`${uri}\n`);
  }
}

export const secretAdd = (ctx: ContextSecrets): ToolCommand => new SecretAddCommand(ctx);
