// metadata.yaml as Juju's charm package reads it, here its extra-bindings: names a charm binds
// without a relation, and the texts Juju rejects a malformed section with.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCharm } from '../../../agent/charm/metadata.js';
import { readCharmcraftProject } from '../../../charmbuild/charmcraft.js';

function charmDir(t: Test, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-meta-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const head = 'name: web\nsummary: s\nrequires:\n  db: pg\npeers:\n  cluster: web-peers\n';

const cases: Array<{ name: string; yaml: string; extraBindings?: string[]; error?: string }> = [
  { name: 'none', yaml: head, extraBindings: [] },
  { name: 'a section without entries is none', yaml: `${head}extra-bindings:\n`, extraBindings: [] },
  { name: 'names without values, in file order', yaml: `${head}extra-bindings:\n  public:\n  admin-api:\n`, extraBindings: ['public', 'admin-api'] },
  { name: 'an explicit null value', yaml: `${head}extra-bindings:\n  public: null\n  data: ~\n`, extraBindings: ['public', 'data'] },
  { name: 'flow style', yaml: `${head}extra-bindings: {public: }\n`, extraBindings: ['public'] },
  {
    name: 'an empty map',
    yaml: `${head}extra-bindings: {}\n`,
    error: 'charm "web" has invalid extra bindings: extra bindings cannot be empty when specified',
  },
  {
    name: 'a value',
    yaml: `${head}extra-bindings:\n  public: eth0\n`,
    error: 'metadata: extra-bindings.public: expected empty value, got string("eth0")',
  },
  {
    name: 'a number',
    yaml: `${head}extra-bindings:\n  public: 1\n`,
    error: 'metadata: extra-bindings.public: expected empty value, got int(1)',
  },
  {
    name: 'a map as value',
    yaml: `${head}extra-bindings:\n  public: {}\n`,
    error: 'metadata: extra-bindings.public: expected empty value, got map[interface {}]interface {}',
  },
  {
    name: 'a list instead of a map',
    yaml: `${head}extra-bindings: [public]\n`,
    error: 'metadata: extra-bindings: expected map, got []interface {}',
  },
  {
    name: 'relation names, sorted',
    yaml: `${head}extra-bindings:\n  db:\n  public:\n  cluster:\n`,
    error: 'charm "web" has invalid extra bindings: relation names (cluster, db) cannot be used in extra bindings',
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const dir = charmDir(t, { 'metadata.yaml': c.yaml });
    if (c.error !== undefined) {
      t.throws(() => readCharm(dir), { message: c.error });
    } else {
      t.same(readCharm(dir).extraBindings, c.extraBindings);
    }
  });
}

t.test("a source tree's charmcraft.yaml extra-bindings reach the metadata.yaml it is built into", async (t) => {
  const project = readCharmcraftProject(charmDir(t, { 'charmcraft.yaml': `type: charm\n${head}extra-bindings:\n  public:\n` }));
  const built = charmDir(t, { 'metadata.yaml': project.generated.get('metadata.yaml')! });
  t.same(readCharm(built).extraBindings, ['public']);
});

t.test('resources: file (the default type) with its filename, oci-image, and what is refused', async (t) => {
  const read = (yaml: string) => readCharm(charmDir(t, { 'metadata.yaml': `${head}${yaml}` })).resources;
  t.same(read(''), {});
  t.same(read('resources:\n  payload:\n    filename: p.tar\n  image:\n    type: oci-image\n'), {
    payload: { type: 'file', filename: 'p.tar' },
    image: { type: 'oci-image', filename: '' },
  });
  t.throws(() => read('resources:\n  payload:\n    type: file\n'), { message: 'metadata: resource "payload": resource missing filename' });
  t.throws(() => read('resources:\n  payload:\n    type: disk\n'), { message: 'metadata: resource "payload": unsupported resource type "disk"' });
});
