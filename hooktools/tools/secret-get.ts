// secret-get <ID> [key[#base64]] | --label <label> [--peek | --refresh]: print a secret's
// content, decoded.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextSecrets } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { GoBytes } from '../../core/format.js';
import { Output } from '../output.js';
import { decodeSecretContent, secretKeyValue } from '../../core/secret-content.js';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

export class SecretGetCommand implements ToolCommand {
  private readonly out = new Output('yaml', ['yaml', 'json']);
  private label!: FlagRef<string>;
  private peek!: FlagRef<boolean>;
  private refresh!: FlagRef<boolean>;
  private uri: string | undefined;
  /** '' prints every key. */
  private key = '';

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-get',
      args: '<ID> [key[#base64]]',
      purpose: "Print a secret's content.",
      doc: [
        'Prints the content of the secret with the given ID or --label: every key and',
        'value, or the value of one key (still base64-encoded if the key is given with',
        '#base64); a key can only follow an ID. With both an ID and --label, the label',
        'is attached to the secret.',
        '',
        'The first read picks the latest revision, and later reads stay on it. --peek',
        'reads the latest revision this once; --refresh moves to the latest revision.',
      ].join('\n'),
      examples: `
    secret-get secret:9m4e2mr0ui3e8a215n4g
    secret-get secret:9m4e2mr0ui3e8a215n4g password
    secret-get --label db-password --refresh --format json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.label = f.string(['label'], '', 'The label of the secret, or the label to give it');
    this.peek = f.bool(['peek'], false, 'Read the latest revision this time only');
    this.refresh = f.bool(['refresh'], false, 'Read the latest revision and keep reading it');
  }

  init(args: string[]): void {
    let rest = args;
    if (rest.length > 0) {
      try {
        this.uri = secretURIString(parseSecretURI(rest[0]));
      } catch {
        // Whatever ParseURI says, secret-get says this.
        throw new Error(`secret URI ${goQuote(rest[0])} not valid`);
      }
      rest = rest.slice(1);
    }
    if (this.uri === undefined && this.label.value === '') throw new Error('require either a secret URI or label');
    if (this.peek.value && this.refresh.value) throw new Error('specify one of --peek or --refresh but not both');
    if (rest.length > 0) {
      this.key = rest[0];
      rest = rest.slice(1);
    }
    checkEmpty(rest);
  }

  run(io: ToolIO): void {
    const content = this.ctx.getSecret(this.uri, this.label.value, this.refresh.value, this.peek.value);
    // Juju decodes every value first, so one bad value fails a read of any key.
    const values = decodeSecretContent(content);
    if (this.key === '') {
      this.out.write(io, Object.fromEntries(Object.entries(values).map(([key, value]) => [key, new GoBytes(value)])));
      return;
    }
    this.out.write(io, new GoBytes(secretKeyValue(content, this.key)));
  }
}

export const secretGet = (ctx: ContextSecrets): ToolCommand => new SecretGetCommand(ctx);
