// A ContextSecrets that answers from a fixed set of secrets and records every call, in order,
// as the arguments the tool passed.

import {
  type ContextSecrets,
  type SecretAccess,
  type SecretMetadata,
  type SecretUpsert,
} from '../../../core/hook-context.js';
import { goQuote } from '../../../core/gnuflag.js';
import { JujuSimError, NotFoundError } from '../../../core/errors.js';

export interface FakeSecret {
  /** As getSecret is asked for it: `secret:<id>` or `secret://<uuid>/<id>`. */
  uri: string;
  label?: string;
  /** base64-encoded values. */
  content: Record<string, string>;
}

export type SecretCall =
  | ['getSecret', string | undefined, string, boolean, boolean]
  | ['createSecret', SecretUpsert]
  | ['updateSecret', string, SecretUpsert]
  | ['removeSecret', string, number | undefined]
  | ['grantSecret', string, SecretAccess]
  | ['revokeSecret', string, SecretAccess]
  | ['secretMetadata'];

export const NEW_SECRET_URI = 'secret:9m4e2mr0ui3e8a215n4g';

export class FakeSecrets implements ContextSecrets {
  readonly calls: SecretCall[] = [];

  constructor(
    private readonly secrets: FakeSecret[] = [],
    private readonly metadata: Record<string, SecretMetadata> = {},
    /** When set, every write fails with this message (e.g. `this unit is not the leader`). */
    private readonly writeFailure?: string,
  ) {}

  getSecret(uri: string | undefined, label: string, refresh: boolean, peek: boolean): Record<string, string> {
    this.calls.push(['getSecret', uri, label, refresh, peek]);
    const found = this.secrets.find((s) => (uri === undefined ? s.label === label : s.uri === uri));
    if (!found) throw new NotFoundError(`secret ${goQuote(uri ?? label)}`);
    return found.content;
  }

  createSecret(args: SecretUpsert): string {
    this.write(['createSecret', args]);
    return NEW_SECRET_URI;
  }

  updateSecret(uri: string, args: SecretUpsert): void {
    this.write(['updateSecret', uri, args]);
  }

  removeSecret(uri: string, revision?: number): void {
    this.write(['removeSecret', uri, revision]);
  }

  grantSecret(uri: string, access: SecretAccess): void {
    this.write(['grantSecret', uri, access]);
  }

  revokeSecret(uri: string, access: SecretAccess): void {
    this.write(['revokeSecret', uri, access]);
  }

  secretMetadata(): Record<string, SecretMetadata> {
    this.calls.push(['secretMetadata']);
    return this.metadata;
  }

  private write(call: SecretCall): void {
    this.calls.push(call);
    if (this.writeFailure !== undefined) throw new JujuSimError(this.writeFailure);
  }
}
