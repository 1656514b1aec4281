// `remove-saas <name>...`: the consumed offer's relations depart and break on both sides, and it goes.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('remove-saas')
    .description('Remove consumed applications (SAAS) from the model, with their relations')
    .argument('<saas-application-name...>')
    .option('--no-prompt', 'accepted as juju takes it: juju-sim never asks')
    .option('--force', 'accepted as juju takes it: relations leave through their hooks all the same')
    .option('--no-wait', 'accepted as juju takes it')
    .action(async (applications: string[]) => {
      await io.call('remove-saas', { applications });
    });
