// secret-info-get <ID> | --label <label>: print the metadata of a secret the charm owns.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import { type ContextSecrets, type SecretMetadata } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { GoStruct, GoTime, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';
import { parseSecretURI } from '../../core/secret-uri.js';
import { NotFoundError } from '../../core/errors.js';

export class SecretInfoGetCommand implements ToolCommand {
  private readonly out = new Output('yaml', ['yaml', 'json']);
  private label!: FlagRef<string>;
  /** The xid of the secret asked for by URI, or '' when asked for by label. */
  private id = '';

  constructor(private readonly ctx: ContextSecrets) {}

  info(): ToolInfo {
    return {
      name: 'secret-info-get',
      args: '<ID>',
      purpose: "Print a secret's metadata.",
      doc: [
        'Prints what is known of a secret this unit or its application owns, found by ID',
        'or by --label: its latest revision, label, owner, description, rotate policy,',
        'expiry and next rotation time, and who has been granted access.',
      ].join('\n'),
      examples: `
    secret-info-get secret:9m4e2mr0ui3e8a215n4g
    secret-info-get --label db-password --format json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.label = f.string(['label'], '', 'The label of the secret');
  }

  init(args: string[]): void {
    let rest = args;
    if (rest.length > 0) {
      try {
        this.id = parseSecretURI(rest[0]).id;
      } catch {
        // Whatever ParseURI says, secret-info-get says this.
        throw new Error(`secret URI ${goQuote(rest[0])} not valid`);
      }
      rest = rest.slice(1);
    }
    if (this.id === '' && this.label.value === '') throw new Error('require either a secret URI or label');
    if (this.id !== '' && this.label.value !== '') throw new Error('specify either a secret URI or label but not both');
    checkEmpty(rest);
  }

  run(io: ToolIO): void {
    const all = Object.entries(this.ctx.secretMetadata());
    // By label Juju takes the first match in Go's (random) map order; labels are unique per owner.
    const found =
      this.id !== '' ? all.find(([id]) => id === this.id) : all.find(([, md]) => md.label === this.label.value);
    if (found === undefined) throw new NotFoundError(`secret ${goQuote(this.id || this.label.value)}`);
    const [id, md] = found;
    this.out.write(io, { [id]: display(md) });
  }
}

/** Juju's metadataDisplay: fields in its order, empty optional ones left out. */
function display(md: SecretMetadata): GoStruct {
  const fields: Array<[string, GoValue]> = [
    ['revision', md.latestRevision],
    ['label', md.label],
    ['owner', md.owner],
  ];
  if (md.description !== '') fields.push(['description', md.description]);
  if (md.rotatePolicy !== '') fields.push(['rotation', md.rotatePolicy]);
  // time.Time values; the formatters have no time type yet, so yaml quotes them (Go does not).
  if (md.latestExpireTime !== undefined) fields.push(['expiry', new GoTime(md.latestExpireTime)]);
  if (md.nextRotateTime !== undefined) fields.push(['rotates', new GoTime(md.nextRotateTime)]);
  if (md.access.length > 0) {
    const grant = ({ target, scope, role }: SecretMetadata['access'][number]) =>
      new GoStruct([
        ['target', target],
        ['scope', scope],
        ['role', role],
      ]);
    fields.push(['access', md.access.map(grant)]);
  }
  return new GoStruct(fields);
}

export const secretInfoGet = (ctx: ContextSecrets): ToolCommand => new SecretInfoGetCommand(ctx);
