// `revoke-secret <ID>|<name> <application>[,<application>...]`: takes back grant-secret's access.
import type { Command } from 'commander';
import { grantOrRevoke } from './grant-secret.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command => grantOrRevoke(io, 'revoke-secret', "Revoke applications' read access to a user's secret");
