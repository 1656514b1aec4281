// `revoke-secret <ID>|<name> <application>[,<application>...]`: takes back grant-secret's access.
import type { Command } from 'commander';
import { grantOrRevoke } from './grant-secret.js';

export default (): Command => grantOrRevoke('revoke-secret', "Revoke applications' read access to a user's secret");
