// `update-secret <ID>|<name> [key[#base64|#file]=value...] [--info] [--name] [--file]`: new
// content is a new revision of a user's secret; --name renames it (Juju 3.6's update-secret).
import { Command } from 'commander';
import { secretContent } from '../secret-args.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('update-secret')
    .description("Update a user's secret: new content is a new revision")
    .argument('[secret]', 'the secret URI or name')
    .argument('[content...]', 'key=value, key#base64=<base64> or key#file=<path>')
    .option('--info <description>', 'the secret description')
    .option('--name <name>', 'the new secret name')
    .option('--file <path>', 'a YAML or JSON file of keys and values')
    .action(async function (this: Command, secret: string | undefined, args: string[], opts: { info?: string; name?: string; file?: string }) {
      if (secret === undefined) this.error('missing secret URI', { exitCode: 2 });
      const content = await secretContent(io, this, args, opts.file);
      const changes = Object.keys(content).length > 0 ? { content } : {};
      await io.call('update-secret', { secret, ...changes, info: opts.info, name: opts.name });
    });
