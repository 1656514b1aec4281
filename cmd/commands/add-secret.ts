// `add-secret <name> [key[#base64|#file]=value...] [--info <description>] [--file <path>]`: a
// user's secret, owned by the model, named by its label; prints its URI (Juju 3.6's add-secret).
import { Command } from 'commander';
import { secretContent } from '../secret-args.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('add-secret')
    .description('Add a secret owned by the model, to grant to applications; print its URI')
    .argument('[name]', 'the secret name')
    .argument('[content...]', 'key=value, key#base64=<base64> or key#file=<path>')
    .option('--info <description>', 'the secret description')
    .option('--file <path>', 'a YAML or JSON file of keys and values')
    .action(async function (this: Command, name: string | undefined, args: string[], opts: { info?: string; file?: string }) {
      if (name === undefined) this.error('secret name needs to be supplied as the first argument', { exitCode: 2 });
      const content = await secretContent(io, this, args, opts.file);
      if (Object.keys(content).length === 0) this.error('missing secret value or filename', { exitCode: 2 });
      const { uri } = await io.call('add-secret', { name, content, info: opts.info });
      io.stdout.write(`${uri}\n`);
    });
