import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { call } from '../../agent/control/client.js';
import { bundleYaml, charmPathFrom } from '../../core/bundle.js';

export default (): Command =>
  new Command('export-bundle')
    .description("Write the model as a bundle (Juju's format) that deploy takes back: charms by the path deployed, units, set options, relations")
    .option('--filename <file>', 'write it to this file, charm paths relative to it (default: stdout, charm paths absolute)')
    .action(async (opts: { filename?: string }) => {
      const bundle = await call('export-bundle', {});
      if (opts.filename === undefined) {
        process.stdout.write(bundleYaml(bundle));
        return;
      }
      // Juju reads a bundle's charm paths relative to its file: written there, the bundle moves with its charms.
      const dir = dirname(resolve(opts.filename));
      const applications = bundle.applications.map((app) => ({ ...app, charm: charmPathFrom(dir, app.charm) }));
      writeFileSync(opts.filename, bundleYaml({ ...bundle, applications }));
      process.stderr.write(`Bundle successfully exported to ${opts.filename}\n`);
    });
