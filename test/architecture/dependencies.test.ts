// The folder tree is the architecture (README, "Dependency rules"): which folder may import
// which. Every import of every source file is read and held against the rules, so a shortcut
// across the tree fails here, naming the file and the import.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { root } from '../helpers/root.js';


/** For each folder, what its files may import besides themselves and packages. */
const rules: Record<string, (target: string, from: string) => boolean> = {
  core: () => false,
  hooktools: (target) => target.startsWith('core/'),
  charmbuild: (target) => target.startsWith('core/'),
  agent: (target, from) =>
    target.startsWith('core/') ||
    (from.startsWith('agent/toolserver/') && target === 'hooktools/registry.ts') ||
    (from.startsWith('agent/cliserver/') && (target === 'cmd/program.ts' || target === 'cmd/io.ts')),
  cmd: (target) => target.startsWith('core/') || target.startsWith('charmbuild/') || target.startsWith('agent/control/'),
};

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.[^']*)'/gm;

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(importPattern)].map((m) =>
    relative(root, resolve(root, dirname(file), m[1])).replace(/\.js$/, '.ts'),
  );
}

for (const [folder, allowed] of Object.entries(rules)) {
  t.test(`${folder}/ imports only what the rules allow`, async (t) => {
    const broken: string[] = [];
    for (const file of sources(folder)) {
      for (const target of imports(file)) {
        if (!target.startsWith(`${folder}/`) && !allowed(target, file)) broken.push(`${file} -> ${target}`);
      }
    }
    t.same(broken, [], 'no import crosses the rules');
  });
}

t.test('the rule reader sees imports (a test that cannot fail is a defect)', async (t) => {
  t.ok(imports('agent/daemon.ts').includes('agent/model.ts'));
  t.ok(imports('agent/toolserver/server.ts').includes('hooktools/registry.ts'));
  t.ok(imports('agent/cliserver/server.ts').includes('cmd/program.ts'));
});
