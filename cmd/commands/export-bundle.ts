import { Command } from 'commander';
import { dirname } from 'node:path';
import { bundleYaml, charmPathFrom } from '../../core/bundle.js';
import { absPath } from '../../core/go-file.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('export-bundle')
    .description("Write the model as a bundle (Juju's format) that deploy takes back: charms by the path deployed, units, set options, relations")
    .option('--filename <file>', 'write it to this file, charm paths relative to it (default: stdout, charm paths absolute)')
    .action(async (opts: { filename?: string }) => {
      const bundle = await io.call('export-bundle', {});
      if (opts.filename === undefined) {
        io.stdout.write(bundleYaml(bundle));
        return;
      }
      // Juju reads a bundle's charm paths relative to its file: written there, the bundle moves with its charms.
      const file = absPath(io.cwd, opts.filename);
      const applications = bundle.applications.map((app) => ({ ...app, charm: charmPathFrom(dirname(file), app.charm) }));
      await io.writeFile(file, bundleYaml({ ...bundle, applications }));
      io.stderr.write(`Bundle successfully exported to ${opts.filename}\n`);
    });
