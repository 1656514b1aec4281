// The platform shim of a reactive charm's venv. charmhelpers works out the OS from
// /etc/os-release when charms.reactive imports it (charmhelpers.core.host) and refuses anything
// it does not know: Fedora, Arch, macOS, and even Debian's "Debian GNU/Linux" in 1.2.1, the
// release on PyPI. A Juju machine is Ubuntu, so in the venv charmhelpers is told it is on one.
//
// It is a .pth file plus a module rather than a sitecustomize.py: Debian's and Ubuntu's own
// Pythons ship a sitecustomize in the standard library, which comes first on sys.path and would
// hide one in site-packages. The patch is applied when charmhelpers.osplatform is first
// imported, so a process that never imports charmhelpers pays nothing (importing it at start-up
// would cost every Python process of the venv some 150 ms), and without charmhelpers it does
// nothing at all.

const module = `"""juju-sim: charmhelpers.osplatform.get_platform() answers "ubuntu", as on a Juju machine.

charmhelpers refuses hosts it does not know (Fedora, Arch, macOS, and Debian for
charmhelpers 1.2.1) when charms.reactive imports it; a Juju machine is Ubuntu.
"""
import importlib.machinery
import sys

_MODULE = "charmhelpers.osplatform"


class _UbuntuPlatform:
    """Finds charmhelpers.osplatform as usual and patches it once it has run."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != _MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.get_platform = lambda: "ubuntu"

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _UbuntuPlatform)
`;

/** Files for the venv's site-packages. */
export const ubuntuShim: Record<string, string> = {
  'juju_sim_ubuntu.py': module,
  'juju_sim_ubuntu.pth': 'import juju_sim_ubuntu\n',
};
