import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { charmName } from '../../charmbuild/charm-name.js';
import { builtCharm } from '../../charmbuild/charm-source.js';
import type { Result } from '../../agent/control/protocol.js';
import { bundleDocument } from '../../core/bundle.js';
import { JujuSimError } from '../../core/errors.js';
import { bundleFile, readBundle } from '../bundle-file.js';
import { positiveInt } from '../options.js';
import { readResources, resourceArg } from '../resource-args.js';
import { buildOptions, type CommandIO } from '../io.js';
import { withProgress } from '../progress.js';

/** A charm built for deploy, its steps in the progress line on a terminal (a venv takes a while). */
const buildWithProgress = (io: CommandIO, charm: string): ReturnType<typeof builtCharm> =>
  withProgress(io, 'deploy', (progress) => builtCharm(charm, { ...buildOptions(io), progress: (line) => progress.note(line) }));

const deployed = (result: Result<'deploy'>): string =>
  `Deployed "${result.application}" from local charm, revision ${result.revision}${result.units.length ? `: ${result.units.join(', ')}` : ''}\n`;

/**
 * Every application and relation of the bundle, created before any unit runs a hook; each charm
 * built as `deploy` builds one. What juju-sim ignores is said on stderr.
 */
async function deployBundle(file: string, io: CommandIO): Promise<void> {
  const { bundle, warnings } = await readBundle(file, io.readFile);
  for (const warning of warnings) io.stderr.write(`WARNING ${warning}\n`);
  const charms: Record<string, string> = {};
  const unitVenvs: Record<string, string> = {};
  for (const app of bundle.applications) {
    const built = await buildWithProgress(io, app.charm);
    charms[app.name] = built.dir;
    if (built.unitVenv) unitVenvs[app.name] = built.unitVenv;
  }
  const result = await io.call('deploy-bundle', { bundle: bundleDocument(bundle), charms, unitVenvs });
  for (const app of result.applications) io.stderr.write(deployed(app));
  for (const relation of result.relations) {
    const [a, b] = relation.endpoints.map((e) => `${e.application}:${e.endpoint}`);
    io.stderr.write(`Related "${a}" and "${b}"\n`);
  }
  io.stderr.write('Deploy of bundle completed.\n');
}

/** `--config`, repeatable, as Juju takes it: `key=value`, or a YAML file of settings per application. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * The settings of `--config` arguments, later ones winning: a file's are those under the
 * application's name (Juju's deploy reads them so), `key=value` pairs as given.
 */
async function deploySettings(io: CommandIO, args: string[], application: string): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      settings[arg.slice(0, eq)] = arg.slice(eq + 1);
      continue;
    }
    const doc = parse((await io.readFile(resolve(io.cwd, arg))).toString('utf8')) as unknown;
    const mine = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>)[application] : undefined;
    if (mine === undefined || mine === null) continue;
    if (typeof mine !== 'object' || Array.isArray(mine)) throw new JujuSimError(`${arg}: the settings of "${application}" are not a map`);
    for (const [key, value] of Object.entries(mine)) settings[key] = String(value);
  }
  return settings;
}

/** What is not a path on this machine names a charm in Charmhub, which juju-sim cannot reach. */
function checkLocal(io: CommandIO, charm: string): void {
  if (existsSync(resolve(io.cwd, charm)) || charm.startsWith('.') || charm.startsWith('/') || charm.includes('/')) return;
  throw new JujuSimError(`cannot deploy "${charm}" from Charmhub: juju-sim deploys local charms only (a .charm file or a charm directory)`);
}

/** Flags of juju deploy that juju-sim does not do: refused, never ignored. */
const notImplemented = ['storage', 'to', 'bind', 'attach-storage', 'overlay', 'channel', 'revision'];

export default (io: CommandIO): Command => {
  const command = new Command('deploy')
    .description('Deploy a charm as an application, or a bundle of them; units run the install sequence')
    .argument('<charm>', 'charm source tree (charmcraft.yaml), .charm file, built charm directory, or bundle (.yaml)')
    .argument('[application]', 'application name (default: the charm name)')
    .option('-n, --num-units <n>', 'number of units to add', positiveInt, 1)
    .option('--config <key=value|file>', 'a setting, or a YAML file of settings per application (repeatable)', collect)
    .option('--base <base>', 'accepted as juju takes it: every juju-sim machine runs the same base')
    .option('--constraints <constraints>', 'accepted as juju takes it, and ignored: juju-sim makes no machines to constrain')
    .option('--force', 'accepted as juju takes it')
    .option('--resource <name=file>', "a file for one of the charm's file resources (repeatable)", resourceArg)
    .option('--trust', "the application may read the model's cloud credential (credential-get)");
  for (const flag of notImplemented) command.option(`--${flag} <value>`, 'not implemented in juju-sim');
  return command.action(async (charm: string, application: string | undefined, opts: DeployOptions, self: Command) => {
    const refused = notImplemented.find((flag) => self.getOptionValueSource(camel(flag)) === 'cli');
    if (refused !== undefined) throw new JujuSimError(`deploy --${refused} is not implemented in juju-sim`);
    const bundle = bundleFile(io.cwd, charm);
    if (bundle !== undefined) {
      if (application !== undefined) throw new JujuSimError('an application name cannot be given when deploying a bundle');
      const unsupported = ['numUnits', 'config', 'resource', 'trust'].filter((option) => self.getOptionValueSource(option) === 'cli');
      if (unsupported.length > 0) {
        throw new JujuSimError(`options provided but not supported when deploying a bundle: ${unsupported.map((o) => `--${o === 'numUnits' ? 'num-units' : o}`).join(', ')}`);
      }
      return deployBundle(bundle, io);
    }
    checkLocal(io, charm);
    const built = await buildWithProgress(io, charm);
    const name = application ?? charmName(built.dir);
    const result = await io.call('deploy', {
      charm: built.dir,
      charmPath: resolve(io.cwd, charm),
      unitVenv: built.unitVenv,
      application,
      numUnits: opts.numUnits,
      config: await deploySettings(io, opts.config ?? [], name),
      resources: await readResources(io, opts.resource),
      trust: opts.trust === true,
    });
    io.stderr.write(deployed(result));
  });
};

interface DeployOptions {
  numUnits: number;
  config?: string[];
  resource?: Record<string, string>;
  trust?: boolean;
}

/** Commander's attribute name of a dashed flag. */
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
