// Runs the test files of one folder of the tree in one test process, as Go runs a package's
// tests: tap starts each test file as a Node process with its own preloads, a second of CPU
// before the first assertion, which the ninety-odd files of tool, parser and formatter tables
// (milliseconds each) paid ninety times over. package.json's tap.exclude leaves these folders to
// their group file (test/<folder>.test.ts); each file in them still runs alone with
// `npx tap dist/test/<folder>/….test.js`.
import t from 'tap';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folders whose test files run as one group each, relative to test/. */
export const groupedFolders = ['agent', 'architecture', 'cmd', 'core', 'hooktools'];

/** The test files under dir, in a stable order. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Imports every test file of `folder` (next to the calling group file, compiled), one after the
 * other: each registers its tests with tap's root test, which runs them in that order.
 *
 * The imports run as the root test's `before`, which holds the root busy until the last file is
 * in: once a file has added a teardown, tap ends an idle root test, and between two imports (each
 * waits on tap's module-loader thread) the root would be idle with files still to come.
 */
export function runGroup(groupFile: string, folder: string): void {
  const dir = join(dirname(fileURLToPath(groupFile)), folder);
  t.before(async () => {
    for (const file of testFiles(dir)) {
      t.comment(relative(dirname(dir), file));
      await import(pathToFileURL(file).href);
    }
  });
}
