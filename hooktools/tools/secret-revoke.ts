// secret-revoke <ID> [-r <relation> | --app <application>] [--unit <unit>]: take back access
// to a secret, when the hook succeeds.

import { checkEmpty, type ToolCommand, type ToolInfo } from '../cmd.js';
import type { ContextRelationHook, ContextRelations, ContextSecrets, SecretAccess } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { RelationIdValue } from '../relation-id.js';
import { isValidApplication, unitApplication } from '../../core/names.js';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

type SecretRevokeContext = ContextSecrets & ContextRelations & ContextRelationHook;

export class SecretRevokeCommand implements ToolCommand {
  private readonly relation: RelationIdValue;
  private app!: FlagRef<string>;
  private unit!: FlagRef<string>;
  private uri = '';
  private access: SecretAccess = {};

  constructor(private readonly ctx: SecretRevokeContext) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'secret-revoke',
      args: '<ID>',
      purpose: 'Revoke access to a secret.',
      doc: [
        'Takes back access to the secret from an application (all its units) or from one',
        'unit. The application may be named with --app or by a relation (-r, or the',
        'relation of the running relation hook); --unit narrows it to that unit. The',
        'change is made when the hook succeeds.',
      ].join('\n'),
      examples: `
    secret-revoke secret:9m4e2mr0ui3e8a215n4g --app wordpress
    secret-revoke secret:9m4e2mr0ui3e8a215n4g -r db:2
    secret-revoke secret:9m4e2mr0ui3e8a215n4g --unit wordpress/0
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.app = f.string(['app', 'application'], '', 'Revoke access from this application');
    this.unit = f.string(['unit'], '', 'Revoke access from this unit');
    f.var(['r', 'relation'], this.relation, 'The relation whose remote application loses access');
  }

  init(args: string[]): void {
    if (args.length === 0) throw new Error('missing secret URI');
    this.uri = secretURIString(parseSecretURI(args[0]));
    let app = this.app.value;
    const unit = this.unit.value;
    if (app !== '' && !isValidApplication(app)) throw new Error(`application ${goQuote(app)} not valid`);
    if (unit !== '' && unitApplication(unit) === undefined) throw new Error(`unit ${goQuote(unit)} not valid`);
    if (app !== '' && unit !== '') throw new Error('specify only one of application or unit');
    // In a relation hook the hook's relation counts as given.
    if (this.relation.id >= 0) {
      const remoteApp = this.ctx.relation(this.relation.id).remoteApplicationName();
      if (app !== '') throw new Error('do not specify both relation and app');
      app = remoteApp;
    }
    if (app === '' && unit === '') throw new Error('missing relation or application or unit');
    this.access = {};
    if (app !== '') this.access.applicationName = app;
    if (unit !== '') this.access.unitName = unit;
    checkEmpty(args.slice(1));
  }

  run(): void {
    this.ctx.revokeSecret(this.uri, this.access);
  }
}

export const secretRevoke = (ctx: SecretRevokeContext): ToolCommand => new SecretRevokeCommand(ctx);
