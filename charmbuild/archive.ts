// A packed `.charm` (a zip of charmcraft's prime directory), unpacked once into the cache per
// archive content. `unzip` keeps the executable bits `dispatch` and hooks need; without it,
// Python's zipfile does the same job with a few lines that restore modes and symlinks.
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { cached } from './cache.js';
import type { BuildOptions } from './options.js';
import { python } from './python.js';
import { BuildError, steps } from './step.js';

const pythonUnzip = `
import os, stat, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            link = os.path.join(sys.argv[2], info.filename)
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(archive.read(info).decode(), link)
            continue
        path = archive.extract(info, sys.argv[2])
        if mode & 0o777 and not info.is_dir():
            os.chmod(path, mode & 0o777)
`;

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Zip archives (and so .charm files) start with a local file header. */
export function isZip(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

export async function unpackCharm(file: string, options: BuildOptions): Promise<{ dir: string; built: boolean }> {
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  const dir = join(options.cache, 'charms', digest);
  const label = basename(file);
  const step = steps(label, options.progress);
  const built = await cached(dir, async (tmp) => {
    if (onPath('unzip')) await step('unpacking', 'unzip', ['-q', '-o', file, '-d', tmp]);
    else await step('unpacking', (await python()).executable, ['-c', pythonUnzip, file, tmp]);
    if (!existsSync(join(tmp, 'metadata.yaml'))) throw new BuildError(label, 'unpacking', 'the archive has no metadata.yaml');
  });
  return { dir, built };
}
