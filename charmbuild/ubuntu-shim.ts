// The platform shim of a reactive charm's venv. charmhelpers works out the OS from
// /etc/os-release when charms.reactive imports it (charmhelpers.core.host) and refuses anything
// it does not know: Fedora, Arch, macOS, and even Debian's "Debian GNU/Linux" in 1.2.1, the
// release on PyPI. A Juju machine is Ubuntu, so in the venv charmhelpers is told it is on one.
//
// charmhelpers also asks the machine agent for Juju's version: hookenv.juju_version() runs
// /var/lib/juju/tools/machine-*/jujud version, which prints <version>-ubuntu-<arch> on a Juju
// 3.6 machine (cmd/jujud/main.go), and network_get(), has_juju_version(),
// expected_related_units() and unit_doomed() go through it. There is no such agent here (an
// IndexError), so in a hook it answers the same from the hook's JUJU_VERSION.
//
// It is a .pth file plus a module rather than a sitecustomize.py: Debian's and Ubuntu's own
// Pythons ship a sitecustomize in the standard library, which comes first on sys.path and would
// hide one in site-packages. The patch is applied when charmhelpers.osplatform is first
// imported, so a process that never imports charmhelpers pays nothing (importing it at start-up
// would cost every Python process of the venv some 150 ms), and without charmhelpers it does
// nothing at all.

const module = `"""juju-sim: a reactive charm's charmhelpers sees a Juju machine.

charmhelpers.osplatform.get_platform() answers "ubuntu": charmhelpers refuses hosts it does not
know (Fedora, Arch, macOS, and Debian for charmhelpers 1.2.1) when charms.reactive imports it.

charmhelpers.core.hookenv.juju_version() answers what the machine agent's "jujud version" prints
(<JUJU_VERSION>-ubuntu-<arch>) in a hook, where there is no /var/lib/juju/tools/machine-*/jujud.
"""
import importlib.machinery
import os
import platform
import sys

_ARCHES = {"x86_64": "amd64", "aarch64": "arm64", "ppc64le": "ppc64el"}


def _patch_platform(module):
    module.get_platform = lambda: "ubuntu"


def _patch_hookenv(module):
    machine_agent = module.juju_version

    def juju_version():
        version = os.environ.get("JUJU_VERSION")
        if not version:
            return machine_agent()
        arch = platform.machine().lower()
        return "{}-ubuntu-{}".format(version, _ARCHES.get(arch, arch))

    module.juju_version = juju_version


_PATCHES = {"charmhelpers.osplatform": _patch_platform, "charmhelpers.core.hookenv": _patch_hookenv}


class _JujuMachine:
    """Finds the patched charmhelpers modules as usual and patches each once it has run."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _JujuMachine)
`;

/** Files for the venv's site-packages. */
export const ubuntuShim: Record<string, string> = {
  'juju_sim_ubuntu.py': module,
  'juju_sim_ubuntu.pth': 'import juju_sim_ubuntu\n',
};
