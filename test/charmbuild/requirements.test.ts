// Charms built by charmcraft's uv plugin: no requirements.txt, a pyproject.toml and its uv.lock.
// Their venv gets what the lock pins for the charm (not its dev groups), or without a lock the
// project's dependencies as written.
import t from 'tap';
import { execa } from 'execa';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCharm } from '../../charmbuild/charm-source.js';
import { python } from '../../charmbuild/python.js';
import { projectRequirements } from '../../charmbuild/requirements.js';
import { fixture } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-uv-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

const pyproject = `[project]
name = "tiny"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = ["ops==3.*"]

[dependency-groups]
dev = ["pytest"]
`;

// Written for this test in uv's lock format: one package reached twice under different markers,
// one only under a marker, an extra, a dev group that must not be followed.
const lock = `version = 1
revision = 2
requires-python = ">=3.10"

[[package]]
name = "importlib-metadata"
version = "8.7.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "zipp" }]

[[package]]
name = "opentelemetry-api"
version = "1.45.3"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "importlib-metadata", marker = "python_full_version < '3.10'" },
    { name = "typing-extensions" },
]

[[package]]
name = "ops"
version = "3.9.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "opentelemetry-api" },
    { name = "pyyaml" },
    { name = "websocket-client" },
]

[package.optional-dependencies]
testing = [{ name = "ops-scenario" }]

[[package]]
name = "pytest"
version = "9.2.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pyyaml"
version = "6.0.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "tiny"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "ops" },
    { name = "typing-extensions", marker = "python_full_version >= '3.12'" },
]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "typing-extensions"
version = "4.16.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "websocket-client"
version = "1.9.2"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "zipp"
version = "3.23.0"
source = { registry = "https://pypi.org/simple" }
`;

function uvTree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  cpSync(fixture('ops-tiny'), dir, { recursive: true });
  rmSync(join(dir, 'requirements.txt'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

t.test('uv.lock: what the charm depends on, pinned, with the markers that brought it in', async (t) => {
  const dir = uvTree('locked', { 'pyproject.toml': pyproject, 'uv.lock': lock });
  t.same(await projectRequirements(dir, await python()), [
    "importlib-metadata==8.7.0; python_full_version < '3.10'",
    'opentelemetry-api==1.45.3',
    'ops==3.9.0',
    'pyyaml==6.0.4',
    'typing-extensions==4.16.0',
    'websocket-client==1.9.2',
    "zipp==3.23.0; python_full_version < '3.10'",
  ]);

  const built = await builtCharm(dir, { cache: join(scratch, 'cache'), progress: () => {} });
  const versions = await execa(join(built.dir, 'venv', 'bin', 'python'), ['-c', 'import importlib.metadata as m; print(m.version("ops"), m.version("pyyaml"))']);
  t.equal(versions.stdout, '3.9.0 6.0.4', 'the built charm runs with the locked versions');
  const pytest = await execa(join(built.dir, 'venv', 'bin', 'python'), ['-c', 'import pytest'], { reject: false });
  t.not(pytest.exitCode, 0, 'the dev group is not installed');
});

t.test('pyproject.toml alone: its dependencies as written; a lock without the charm is an error', async (t) => {
  t.same(await projectRequirements(uvTree('unlocked', { 'pyproject.toml': pyproject }), await python()), ['ops==3.*']);
  const broken = uvTree('broken', { 'pyproject.toml': pyproject, 'uv.lock': 'version = 1\n' });
  await t.rejects(projectRequirements(broken, await python()), {
    message: `cannot read the dependencies of ${join(broken, 'uv.lock')}: uv.lock has no package for the charm itself (source virtual or editable ".")`,
  });
  t.equal(await projectRequirements(join(scratch, 'nowhere'), await python()), undefined);
});
