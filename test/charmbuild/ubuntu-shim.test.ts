// The shim a reactive charm's venv gets: charmhelpers, imported after it, sees a Juju machine.
// A stand-in charmhelpers (only the two functions patched, each failing as it does off a Juju
// machine) keeps the test free of the real package.
import t, { type Test } from 'tap';
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { python } from '../../charmbuild/python.js';
import { ubuntuShim } from '../../charmbuild/ubuntu-shim.js';

const dir = mkdtempSync(join(tmpdir(), 'jsim-shim-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
for (const [name, text] of Object.entries(ubuntuShim)) writeFileSync(join(dir, name), text);
mkdirSync(join(dir, 'charmhelpers', 'core'), { recursive: true });
writeFileSync(join(dir, 'charmhelpers', '__init__.py'), '');
writeFileSync(join(dir, 'charmhelpers', 'core', '__init__.py'), '');
writeFileSync(join(dir, 'charmhelpers', 'osplatform.py'), 'def get_platform():\n    raise RuntimeError("This module is not supported on Fedora Linux.")\n');
// As charmhelpers' hookenv: the machine agent's jujud, found by a glob that finds nothing here.
writeFileSync(
  join(dir, 'charmhelpers', 'core', 'hookenv.py'),
  [
    'import glob',
    'def juju_version():',
    "    return glob.glob('/nonexistent/juju/tools/machine-*/jujud')[0]",
    'def has_juju_version(minimum):',
    '    return juju_version() >= minimum',
    '',
  ].join('\n'),
);

const script = [
  'import juju_sim_ubuntu, platform',
  'from charmhelpers import osplatform',
  'from charmhelpers.core import hookenv',
  'print(osplatform.get_platform())',
  'try:',
  '    print(hookenv.juju_version(), hookenv.has_juju_version("2.2"))',
  'except IndexError:',
  '    print("IndexError")',
  'print(platform.machine())',
].join('\n');

async function run(t: Test, env: Record<string, string>): Promise<string[]> {
  const py = await python();
  const r = await execa(py.executable, ['-c', script], { env: { PYTHONPATH: dir, ...env }, extendEnv: false, cwd: dir, reject: false });
  t.equal(r.exitCode, 0, String(r.stderr));
  return String(r.stdout).trim().split('\n');
}

const jujuArch = (machine: string): string => ({ x86_64: 'amd64', aarch64: 'arm64', ppc64le: 'ppc64el' })[machine] ?? machine;

t.test('in a hook, juju_version() is what jujud version prints on a Juju 3.6 machine', async (t) => {
  const [platform, version, machine] = await run(t, { JUJU_VERSION: '3.6.14' });
  t.equal(platform, 'ubuntu');
  t.equal(version, `3.6.14-ubuntu-${jujuArch(machine)} True`, 'internal callers (has_juju_version) see it too');
});

t.test("outside a hook, charmhelpers' own lookup is left to fail as it does", async (t) => {
  const [platform, version] = await run(t, {});
  t.equal(platform, 'ubuntu');
  t.equal(version, 'IndexError');
});
