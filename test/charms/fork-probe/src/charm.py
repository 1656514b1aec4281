#!/usr/bin/env python3
"""Reports the process state at the top of the entry point, then runs ops or ends as asked."""
import os
import sys

# Before any other import: what the process was given.
fds = sorted(os.listdir('/proc/self/fd'), key=int)
main_names = sorted(globals())

import json  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import stat  # noqa: E402
import threading  # noqa: E402
import warnings  # noqa: E402

import probe_state  # noqa: E402

probe_state.counter += 1


def kind(fd):
    mode = os.fstat(fd).st_mode
    return 'socket' if stat.S_ISSOCK(mode) else 'fifo' if stat.S_ISFIFO(mode) else 'char' if stat.S_ISCHR(mode) else 'other'


charm_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
report = {
    'argv': sys.argv,
    'orig_argv': sys.orig_argv,
    'executable': sys.executable,
    'prefix': sys.prefix,
    'path': sys.path,
    'file': __file__,
    'cwd': os.getcwd(),
    'environ': dict(os.environ),
    'counter': probe_state.counter,
    'threads': threading.active_count(),
    'fds': fds,
    'main': main_names,
    'loader': type(__loader__).__name__,
    'charm_modules': sorted(
        name for name, m in sys.modules.items()
        if (getattr(m, '__file__', None) or '').startswith(charm_dir + '/src') and name != '__main__'
    ),
    'root_handlers': len(logging.getLogger().handlers),
    'root_level': logging.getLogger().level,
    'signals': {name: str(signal.getsignal(getattr(signal, name))) for name in ('SIGINT', 'SIGPIPE', 'SIGTERM', 'SIGCHLD', 'SIGXFSZ')},
    'blocked': sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])),
    'stdio': [kind(0), kind(1), kind(2)],
    'stdin_empty': sys.stdin.read() == '',
    'encodings': [sys.stdout.encoding, sys.stderr.encoding, sys.stdout.line_buffering, sys.stderr.errors],
    'flags': str(sys.flags),
    'warning_filters': len(warnings.filters),
    'excepthook': sys.excepthook is sys.__excepthook__,
    'umask': os.umask(0o022),
    'random': random.random(),
    'pid': os.getpid(),
    'ppid': os.getppid(),
}
print(json.dumps(report, sort_keys=True), flush=True)

mode_file = os.path.join(charm_dir, 'probe-mode')
mode = open(mode_file).read().strip() if os.path.exists(mode_file) else 'ops'
if mode == 'exit3':
    sys.exit(3)
if mode == 'exit-text':
    sys.exit('leaving with a message')
if mode == 'raise':
    raise RuntimeError('the probe fails')
if mode == 'os-exit':
    sys.stdout.write('unflushed, lost by os._exit\n')
    os._exit(4)
if mode == 'sigkill':
    os.kill(os.getpid(), signal.SIGKILL)
if mode == 'atexit':
    import atexit
    atexit.register(lambda: print('atexit ran', flush=True))
    print('partial line without newline', end='')
    sys.exit(0)
if mode == 'sleep':
    import time
    open(os.path.join(charm_dir, 'probe-sleeping'), 'w').close()
    time.sleep(3)
if mode == 'syntax':
    exec(compile('def broken(:\n', 'generated.py', 'exec'))
if mode == 'finalizers':
    # What a fresh interpreter finalizes at exit, each noted in probe-finalized as it goes
    # (straight to the descriptor: a file object may be finalized first).
    import weakref

    finalized = os.open(os.path.join(charm_dir, 'probe-finalized'), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)

    class Noted:
        def __init__(self, name):
            self.name = name
            self.note = lambda text, write=os.write, fd=finalized: write(fd, f'{text}\n'.encode())

        def __repr__(self):
            return f'<Noted {self.name}>'

        def __del__(self):
            self.note(self.name)
            if self.name == 'raising':
                raise RuntimeError('a finalizer fails')

    cycle = Noted('an unreachable cycle')
    cycle.itself = cycle
    del cycle
    probe_state.kept = Noted("a charm module's global")
    weakref.finalize(probe_state.kept, probe_state.kept.note, 'weakref.finalize')
    probe_state.unflushed = open(os.path.join(charm_dir, 'probe-unflushed'), 'w')
    probe_state.unflushed.write('written, never flushed nor closed\n')
    kept = Noted("__main__'s global")
    raising = Noted('raising')
    sys.exit(0)

import ops  # noqa: E402


class ProbeCharm(ops.CharmBase):
    def __init__(self, framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _):
        self.unit.status = ops.ActiveStatus(f'counter {probe_state.counter}')


if __name__ == '__main__':
    ops.main(ProbeCharm)
