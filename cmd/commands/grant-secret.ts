// `grant-secret <ID>|<name> <application>[,<application>...]`: the applications' units may read a
// user's secret (Juju 3.6's grant-secret); `revoke-secret` takes the access back.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

/** grant-secret and revoke-secret read the same arguments. */
export const grantOrRevoke = (io: CommandIO, name: 'grant-secret' | 'revoke-secret', description: string): Command =>
  new Command(name)
    .description(description)
    .argument('[secret]', 'the secret URI or name')
    .argument('[applications]', 'application names, comma-separated')
    .action(async function (this: Command, secret: string | undefined, applications: string | undefined) {
      if (secret === undefined || applications === undefined) this.error('missing secret URI or application name', { exitCode: 2 });
      await io.call(name, { secret, applications: applications.split(',') });
    });

export default (io: CommandIO): Command => grantOrRevoke(io, 'grant-secret', "Grant applications read access to a user's secret");
