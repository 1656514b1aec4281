// `charmcraft pack` without charmcraft: the built charm (what `build` leaves in the cache) zipped
// into a .charm named as charmcraft names it, so that tests which deploy packed charms run where
// charmcraft is not installed. A built reactive charm is packed as it is, as charmcraft's reactive
// plugin does: its units make their venv from the wheelhouse, as layer-basic does.
import { join, resolve } from 'node:path';
import { hostArch } from '../core/juju-version.js';
import { buildCharm } from './build-charm.js';
import { charmName, readCharmYaml, type Yaml } from './charm-name.js';
import { charmSourceKind } from './charm-source.js';
import type { BuildOptions } from './options.js';
import { python } from './python.js';

/** Zips a directory in name order; symlinks (a venv's bin/python) stay symlinks, modes are kept. */
const pythonZip = `
import os, stat, sys, zipfile
root = sys.argv[2]
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as archive:
    for top, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(dirs + files):
            path = os.path.join(top, name)
            member = os.path.relpath(path, root)
            if os.path.islink(path):
                link = zipfile.ZipInfo(member)
                link.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(link, os.readlink(path))
            elif os.path.isfile(path):
                archive.write(path, member)
`;

/**
 * The file name charmcraft gives the .charm: `<name>_<platform>.charm` for a charmcraft.yaml with
 * `platforms` (the one for this machine's architecture), `<name>_<os>-<channel>-<arch>…` from the
 * first `bases` entry's run-on bases, and `<name>.charm` when neither says what it runs on.
 */
export function charmFileName(project: Yaml, name: string): string {
  const platforms = project.platforms;
  if (platforms !== null && typeof platforms === 'object' && !Array.isArray(platforms)) {
    const names = Object.keys(platforms);
    const host = hostArch();
    const platform = names.find((p) => p === host || p.endsWith(`:${host}`)) ?? names[0];
    if (platform !== undefined) return `${name}_${platform.replace(':', '-')}.charm`;
  }
  const bases = Array.isArray(project.bases) ? (project.bases as Yaml[]) : [];
  const first = bases[0];
  if (first) {
    const runOn = (Array.isArray(first['run-on']) ? first['run-on'] : [first['build-on'] ?? first]) as Yaml[];
    const described = runOn.map((base) => [base.name, base.channel, ...((base.architectures as string[] | undefined) ?? [hostArch()])].join('-'));
    return `${name}_${described.join('_')}.charm`;
  }
  return `${name}.charm`;
}

/** Packs the charm at `path` into `outputDir` (both relative to options.cwd); returns the .charm
 *  file written. Python writes it, so a FIFO there would block that process, never the caller's. */
export async function packCharm(path: string, outputDir: string, options: BuildOptions): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const source = resolve(cwd, path);
  const kind = charmSourceKind(source);
  if (kind === 'archive') throw new Error(`"${path}" is already a packed charm`);
  const project = readCharmYaml(source, 'charmcraft.yaml') ?? {};
  const name = charmName(source);
  const dir = kind === 'source' ? (await buildCharm(source, options)).dir : source;
  const file = join(resolve(cwd, outputDir), charmFileName(project, name));
  // Loaded when first needed, as step.ts says why.
  const { execa } = await import('execa');
  await execa((await python()).executable, ['-c', pythonZip, file, dir], { stdin: 'ignore' });
  return file;
}
