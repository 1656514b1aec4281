// A hook context's secrets until the controller keeps them: the secret tools parse their
// arguments as Juju's do, and what would need the secret store fails loudly instead of
// answering wrongly. The unit owns no secrets, so it lists none.
import { type ContextSecrets } from '../../core/hook-context.js';
import { JujuSimError } from '../../core/errors.js';

const notYet = (): never => {
  throw new JujuSimError('secrets are not implemented in juju-sim');
};

export const noSecretStore: ContextSecrets = {
  getSecret: notYet,
  createSecret: notYet,
  updateSecret: notYet,
  removeSecret: notYet,
  grantSecret: notYet,
  revokeSecret: notYet,
  secretMetadata: () => ({}),
};
