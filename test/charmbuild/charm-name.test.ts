// One reading of a charm's name for deploy, the builders and pack: metadata.yaml's `name` when
// the charm has that file (every built charm, an older charmcraft project), else charmcraft.yaml's.
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charmName } from '../../charmbuild/charm-name.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-charm-name-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

type Files = { 'metadata.yaml'?: string; 'charmcraft.yaml'?: string };

t.test('the name, or why there is none, naming the file', async (t) => {
  const cases: Array<[string, Files, string | { error: string }]> = [
    ['a built charm: metadata.yaml', { 'metadata.yaml': 'name: redis\n' }, 'redis'],
    ['a charmcraft project', { 'charmcraft.yaml': 'name: ops-redis\ntype: charm\n' }, 'ops-redis'],
    ['an older project: metadata.yaml wins', { 'metadata.yaml': 'name: legacy\n', 'charmcraft.yaml': 'name: other\ntype: charm\n' }, 'legacy'],
    ['an older project: charmcraft.yaml has only bases', { 'metadata.yaml': 'name: legacy\n', 'charmcraft.yaml': 'type: charm\nbases: []\n' }, 'legacy'],
    ['a quoted name is a string', { 'metadata.yaml': 'name: "db-2"\n' }, 'db-2'],
    ['metadata.yaml without a name', { 'metadata.yaml': 'summary: x\n', 'charmcraft.yaml': 'name: other\n' }, { error: 'metadata.yaml has no charm name' }],
    ['an empty name', { 'metadata.yaml': "name: ''\n" }, { error: 'metadata.yaml has no charm name' }],
    ['a name that is not a string', { 'metadata.yaml': 'name: 42\n' }, { error: 'metadata.yaml has no charm name' }],
    ['charmcraft.yaml without a name', { 'charmcraft.yaml': 'type: charm\n' }, { error: 'charmcraft.yaml has no charm name' }],
    ['an empty metadata.yaml', { 'metadata.yaml': '' }, { error: 'metadata.yaml: not a YAML mapping' }],
    ['a list, not a mapping', { 'charmcraft.yaml': '- name: x\n' }, { error: 'charmcraft.yaml: not a YAML mapping' }],
    ['bad YAML', { 'metadata.yaml': 'name: [\n' }, { error: 'cannot read ' }],
    ['neither file', {}, { error: 'has neither metadata.yaml nor charmcraft.yaml' }],
  ];
  for (const [i, [name, files, want]] of cases.entries()) {
    const dir = join(scratch, String(i));
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    if (typeof want === 'string') t.equal(charmName(dir), want, name);
    else t.throws(() => charmName(dir), { message: new RegExp(want.error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }, name);
  }
});
