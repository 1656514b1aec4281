// secret-grant <ID> -r <relation> [--unit <unit>]: let the application on the other side of a
// relation (or one of its units) read a secret, when the hook succeeds.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ContextRelationHook, ContextRelations, ContextSecrets, SecretAccess } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { RelationIdValue } from '../relation-id.js';
import { unitApplication } from '../../core/names.js';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

type SecretGrantContext = ContextSecrets & ContextRelations & ContextRelationHook;

export class SecretGrantCommand implements ToolCommand {
  private readonly relation: RelationIdValue;
  private unit!: FlagRef<string>;
  private uri = '';
  private access: SecretAccess = {};

  constructor(private readonly ctx: SecretGrantContext) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'secret-grant',
      args: '<ID>',
      purpose: 'Grant access to a secret.',
      doc: [
        'Lets every unit of the application at the other end of a relation read the',
        'secret, or with --unit only that unit. The grant lasts until it is revoked or',
        'the relation is removed. It is made when the hook succeeds.',
      ].join('\n'),
      examples: `
    secret-grant secret:9m4e2mr0ui3e8a215n4g -r db:2
    secret-grant secret:9m4e2mr0ui3e8a215n4g --relation 2 --unit wordpress/0
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.unit = f.string(['unit'], '', 'Grant access to this unit only');
    f.var(['r', 'relation'], this.relation, 'The relation whose remote application is granted access');
  }

  init(args: string[]): void {
    if (args.length === 0) throw new Error('missing secret URI');
    this.uri = secretURIString(parseSecretURI(args[0]));
    this.relation.requireId();
    const app = this.ctx.relation(this.relation.id).remoteApplicationName();
    this.access = { relationId: this.relation.id, applicationName: app };
    const unit = this.unit.value;
    if (unit !== '') {
      const unitApp = unitApplication(unit);
      if (unitApp === undefined) throw new Error(`unit ${goQuote(unit)} not valid`);
      if (unitApp !== app) {
        throw new Error(`cannot specify unit ${goQuote(unit)} in relation to application ${goQuote(app)}`);
      }
      this.access.unitName = unit;
    }
    checkEmpty(args.slice(1));
  }

  run(): void {
    this.ctx.grantSecret(this.uri, this.access);
  }
}

export const secretGrant = (ctx: SecretGrantContext): ToolCommand => new SecretGrantCommand(ctx);
