// `version [--all] [--format smart|yaml|json]`: the Juju CLI version juju-sim stands for, as Juju
// 3.6's cmd/juju/commands/version.go prints it: the binary version alone, or with --all its
// details (git fields are empty for juju-sim, and Juju leaves empty ones out).
import { Command, Option } from 'commander';
import { formatters, GoStruct, type FormatName } from '../../core/format.js';
import { hostArch, jujuVersion } from '../../core/juju-version.js';
import type { CommandIO } from '../io.js';

/** version.Binary's string: number, OS type (Juju's Linux clients say genericlinux), architecture. */
const binary = (): string => `${jujuVersion}-genericlinux-${hostArch()}`;

export default (io: CommandIO): Command =>
  new Command('version')
    .description('Print the Juju CLI client version juju-sim emulates')
    .option('--all', 'print all version information')
    .addOption(new Option('--format <format>', 'output format').choices(['smart', 'yaml', 'json']).default('smart'))
    .action((opts: { all?: boolean; format: FormatName }) => {
      const value = opts.all ? new GoStruct([['version', binary()], ['compiler', 'gc']]) : binary();
      const out = formatters[opts.format](value);
      // juju/cmd's Output.Write ends what it wrote with a newline.
      if (out.length > 0) io.stdout.write(Buffer.concat([out, Buffer.from('\n')]));
    });
