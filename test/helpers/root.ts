// Where the repository is, for tests that read its files (charms, fixtures, sources, golden files).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository: the nearest directory above this module with a package.json. The tests run
 * compiled (dist/test/…, see tsconfig.json), so a fixed number of `..` would name dist.
 */
export const root = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = dirname(dir);
  }
  return dir;
})();

