// Puts a charm into a unit's charm directory as Juju's manifest deployer does: the new charm's
// files are written over whatever is there, files that only the previous charm shipped are
// removed, and everything else the charm created at run time (state files, markers, caches)
// stays. Each deployed charm's file list (its manifest) is kept in the unit's agent directory,
// and the charm directory names the charm URL it holds in `.juju-charm`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files of a charm source that are never part of a deployed charm. */
const notDeployed = new Set(['.git', '.unit-state.db', '.tox', '__pycache__', '.juju-charm']);

const charmURLFile = '.juju-charm';

const deployed = (path: string): boolean => !notDeployed.has(path.slice(path.lastIndexOf('/') + 1));

/** Copies a charm as deployed: over what is at `to`, without the files a charm never ships. */
export function copyCharm(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: deployed });
}

/** Every file and directory the charm ships, relative to its root. */
function manifestOf(dir: string, root = dir): string[] {
  const paths: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!deployed(path)) continue;
    paths.push(relative(root, path));
    if (entry.isDirectory()) paths.push(...manifestOf(path, root));
  }
  return paths;
}

const manifestPath = (agentDir: string, url: string): string => join(agentDir, 'manifests', url.replace(/[^a-zA-Z0-9.-]/g, '_'));

/** The charm URL deployed at charmDir and its manifest; an unknown manifest removes nothing. */
function deployedCharm(charmDir: string, agentDir: string): { url: string; manifest: string[] } | undefined {
  const urlFile = join(charmDir, charmURLFile);
  if (!existsSync(urlFile)) return undefined;
  const url = readFileSync(urlFile, 'utf8').trim();
  const manifest = manifestPath(agentDir, url);
  return { url, manifest: existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as string[]) : [] };
}

/** Deploys the charm at `from` (charm URL `url`) into charmDir; a no-op when it is there already. */
export function deployCharm(from: string, charmDir: string, agentDir: string, url: string): void {
  const base = deployedCharm(charmDir, agentDir);
  if (base?.url === url) return;
  const manifest = manifestOf(from);
  mkdirSync(join(agentDir, 'manifests'), { recursive: true });
  writeFileSync(manifestPath(agentDir, url), JSON.stringify(manifest));
  const kept = new Set(manifest);
  for (const path of (base?.manifest ?? []).filter((p) => !kept.has(p)).sort()) {
    rmSync(join(charmDir, path), { recursive: true, force: true });
  }
  copyCharm(from, charmDir);
  writeFileSync(join(charmDir, charmURLFile), `${url}\n`);
}
