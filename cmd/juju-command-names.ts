// The command names Juju 3.6's `juju` answers to, aliases included (those its own tests list in
// cmd/juju/commands/main_test.go, feature-flagged ones left out). `juju <one of them>` that
// juju-sim does not implement says so, exit 1, rather than claiming, as for a name Juju does not
// know, that it is not a juju command.
export const jujuCommandNames: ReadonlySet<string> = new Set([
  ...['actions', 'add-cloud', 'add-credential', 'add-k8s', 'add-machine', 'add-model', 'add-secret-backend', 'add-space'],
  ...['add-ssh-key', 'add-secret', 'add-storage', 'add-unit', 'add-user', 'agree', 'agreements', 'attach-resource'],
  ...['attach-storage', 'autoload-credentials', 'bind', 'bootstrap', 'cancel-task', 'change-user-password', 'charm-resources'],
  ...['clouds', 'collect-metrics', 'config', 'consume', 'controller-config', 'controllers', 'create-backup'],
  ...['create-storage-pool', 'credentials', 'dashboard', 'debug-code', 'debug-hook', 'debug-hooks', 'debug-log'],
  ...['default-credential', 'default-region', 'deploy', 'destroy-controller', 'destroy-model', 'detach-storage', 'diff-bundle'],
  ...['disable-command', 'disable-user', 'disabled-commands', 'documentation', 'download', 'download-backup', 'enable-command'],
  ...['enable-destroy-controller', 'enable-ha', 'enable-user', 'exec', 'export-bundle', 'expose', 'find', 'find-offers'],
  ...['firewall-rules', 'constraints', 'model-constraints', 'grant', 'grant-secret', 'grant-cloud', 'help', 'help-tool'],
  ...['import-filesystem', 'import-ssh-key', 'info', 'integrate', 'kill-controller', 'list-actions', 'list-agreements'],
  ...['list-charm-resources', 'list-clouds', 'list-controllers', 'list-credentials', 'list-disabled-commands'],
  ...['list-firewall-rules', 'list-machines', 'list-models', 'list-offers', 'list-operations', 'list-payloads', 'list-regions'],
  ...['list-resources', 'list-secret-backends', 'list-secrets', 'list-spaces', 'list-ssh-keys', 'list-storage'],
  ...['list-storage-pools', 'list-subnets', 'list-users', 'login', 'logout', 'machines', 'metrics', 'migrate', 'model-config'],
  ...['model-default', 'model-defaults', 'models', 'move-to-space', 'offer', 'offers', 'operations', 'payloads', 'refresh'],
  ...['regions', 'register', 'relate', 'reload-spaces', 'remove-application', 'remove-cloud', 'remove-credential', 'remove-k8s'],
  ...['remove-machine', 'remove-offer', 'remove-relation', 'remove-saas', 'remove-secret-backend', 'remove-secret'],
  ...['remove-space', 'remove-ssh-key', 'remove-storage', 'remove-storage-pool', 'remove-unit', 'remove-user', 'rename-space'],
  ...['resolved', 'resolve', 'resources', 'resume-relation', 'retry-provisioning', 'revoke', 'revoke-cloud', 'revoke-secret'],
  ...['run', 'scale-application', 'scp', 'secrets', 'secret-backends', 'set-application-base', 'set-credential'],
  ...['set-constraints', 'set-default-credentials', 'set-default-region', 'set-firewall-rule', 'set-meter-status'],
  ...['set-model-constraints', 'show-action', 'show-application', 'show-cloud', 'show-controller', 'show-credential'],
  ...['show-credentials', 'show-machine', 'show-model', 'show-offer', 'show-operation', 'show-secret', 'show-secret-backend'],
  ...['show-status-log', 'show-storage', 'show-space', 'show-task', 'show-unit', 'show-user', 'spaces', 'ssh', 'ssh-keys'],
  ...['status', 'storage', 'storage-pools', 'subnets', 'suspend-relation', 'switch', 'sync-agent-binary', 'trust', 'unexpose'],
  ...['unregister', 'update-cloud', 'update-k8s', 'update-public-clouds', 'update-credential', 'update-credentials'],
  ...['update-secret-backend', 'update-secret', 'update-storage-pool', 'upgrade-controller', 'upgrade-model'],
  ...['upgrade-machine', 'users', 'version', 'wait-for', 'whoami'],
]);
