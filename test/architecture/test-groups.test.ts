// Every test file runs: tap runs each one outside the grouped folders itself, and each grouped
// folder's files through its group file (helpers/test-group.ts), which tap's exclude leaves them to.
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/root.js';
import { groupedFolders } from '../helpers/test-group.js';

const tap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).tap as { include: string[]; exclude: string[] };

t.same(tap.include, ['dist/test/**/*.test.js'], 'tap runs every compiled test file it is not told to leave');
t.same(
  tap.exclude,
  ['**/node_modules/**', `dist/test/{${groupedFolders.join(',')}}/**`],
  'tap leaves exactly the grouped folders to their groups',
);
for (const folder of groupedFolders) {
  t.ok(existsSync(join(root, 'test', `${folder}.test.ts`)), `test/${folder}.test.ts runs ${folder}/`);
}
