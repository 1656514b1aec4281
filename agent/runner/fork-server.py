# juju-sim's fork server for Python hooks (agent/runner/fork-servers.ts starts it).
#
# Started exactly as a unit's hook would start its interpreter (same executable, argv[0],
# working directory and environment, minus what changes from hook to hook), it imports what
# the charm's hooks import first (ops, or charms.reactive) and then forks one child per hook.
# The child makes itself what a fresh `python <script>` would be: the hook's environment,
# working directory, argv, sys.path and __main__, its own output sockets on 1 and 2, /dev/null
# on 0, no other descriptor, no thread, reseeded random. Charm code is never imported here.
#
# Protocol, on descriptor 3 (a socket pair with the daemon), one JSON object per line:
#   server -> daemon  {"ready": {"pid": P}} once the imports are done, or {"error": "..."}
#   daemon -> server  {"id": N, "argv": [...], "file": "...", "cwd": "...", "env": {...},
#                      "socket": "/path", "signalExit": bool}
#   server -> daemon  {"id": N, "pid": P} once the child has connected its output, or
#                     {"id": N, "refused": "why"} when no child was started (the daemon then
#                     runs the hook as a fresh process); later {"id": N, "exit": C} or
#                     {"id": N, "signal": S} from waitpid.
# The child connects twice to the hook's socket and sends "1" (stdout) or "2" (stderr) first.
# End of file on descriptor 3 stops the server; hooks it started run to their end.
import sys

startup_modules = set(sys.modules)

import atexit
import gc
import json
import os
import select
import socket

CONTROL = 3
server_file = __file__
# In a forked child: the modules the server had imported, by name (None in the server).
imported_before_fork = None


def release_server_modules():
    """The child's last exit handler: the server's modules out of sys.modules before Python's teardown.

    At exit Python clears the globals of every module still in sys.modules. In a forked child
    that would take apart, object by object, everything the server imported, and every object
    touched is a page copied from the server: about half the cost of a forked ops hook's exit.
    The server's modules are the same in every hook and the server keeps them alive, so the
    child leaves them out, after the other exit handlers (they may still import) and after the
    collection of garbage Python itself makes first (finalizers may too). The charm's modules,
    __main__, sys and builtins are torn down as in a fresh interpreter, first to last as ever;
    what is not finalized is an object the hook made that only a server module's globals still
    reach (a charm that hangs a finalizer on ops itself).
    """
    if imported_before_fork is None:
        return
    if gc.isenabled():
        gc.collect()
    for name, module in imported_before_fork.items():
        if name not in ('sys', 'builtins') and sys.modules.get(name) is module:
            del sys.modules[name]


# Registered before anything else is imported, it runs after every other exit handler.
atexit.register(release_server_modules)


def send(message):
    data = (json.dumps(message) + '\n').encode()
    while data:
        data = data[os.write(CONTROL, data):]


def capture_output(action):
    """Runs action with descriptors 1 and 2 on memory files; returns what was written there."""
    saved, files = {}, {}
    for fd in (1, 2):
        stream = sys.stdout if fd == 1 else sys.stderr
        stream.flush()
        saved[fd], files[fd] = os.dup(fd), os.memfd_create(f'preload-{fd}')
        os.dup2(files[fd], fd)
    try:
        action()
    finally:
        written = {}
        for fd in (1, 2):
            (sys.stdout if fd == 1 else sys.stderr).flush()
            os.dup2(saved[fd], fd)
            os.close(saved[fd])
            os.lseek(files[fd], 0, os.SEEK_SET)
            chunks = []
            while chunk := os.read(files[fd], 65536):
                chunks.append(chunk)
            os.close(files[fd])
            written[fd] = b''.join(chunks)
    return written


def top_level(names):
    return {name.partition('.')[0] for name in names}


def module_names(directory):
    """The top-level module names a directory on sys.path offers (conservatively: every entry)."""
    try:
        entries = os.listdir(directory)
    except OSError:
        return set()
    return {entry.partition('.')[0] for entry in entries}


def under(path, directories):
    return any(path == d or path.startswith(d.rstrip('/') + '/') for d in directories)


class Server:
    def __init__(self, config):
        self.charm_dirs = [os.path.abspath(d) for d in config['charmDirs']]
        # sys.path as this interpreter computed it, without this file's own directory: what
        # follows the script's directory in a fresh process.
        self.base_path = list(sys.path[1:])
        # The charm's own directories stay out of sys.path while the imports run.
        sys.path[:] = [p for p in self.base_path if p not in self.charm_dirs]
        self.preload_output = capture_output(lambda: [__import__(name) for name in config['preload']])
        sys.path[:] = self.base_path
        dependencies = [p for p in self.base_path if p not in self.charm_dirs]
        for name, module in list(sys.modules.items()):
            origin = getattr(module, '__file__', None) or ''
            if under(origin, self.charm_dirs) and not under(origin, dependencies):
                raise RuntimeError(f'preloading imported charm code: {name} from {origin}')
        self.preloaded = top_level(set(sys.modules) - startup_modules)
        import threading
        if threading.active_count() != 1:
            raise RuntimeError(f'preloading started threads: {threading.enumerate()}')
        self.modules = dict(sys.modules)
        # What is imported now is never collected: frozen, the children's collections neither
        # scan it nor write to its pages, which would copy them one by one.
        gc.collect()
        gc.freeze()
        self.children = {}  # pidfd -> (request id, pid, signal as exit status)

    def shadowing(self, path0):
        """A preloaded module that one of the charm's directories would have provided instead."""
        for directory in [path0, *self.charm_dirs]:
            clash = module_names(directory) & self.preloaded
            if clash:
                return f'{directory} provides {", ".join(sorted(clash))}, imported before the hook'
        return None

    def serve(self):
        """Answers requests until the daemon goes; returns the request in each forked child."""
        pending = b''
        while True:
            readable, _, _ = select.select([CONTROL, *self.children], [], [])
            for fd in readable:
                if fd != CONTROL:
                    self.reap(fd)
                    continue
                chunk = os.read(CONTROL, 65536)
                if not chunk:
                    sys.exit(0)
                pending += chunk
                while b'\n' in pending:
                    line, pending = pending.split(b'\n', 1)
                    request = json.loads(line)
                    if self.fork(request):
                        return request

    def fork(self, request):
        path0 = os.path.dirname(os.path.realpath(script_file(request)))
        why = self.shadowing(path0)
        if why:
            send({'id': request['id'], 'refused': why})
            return False
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_r)
            try:
                become_hook(request, path0, self, ready_w)
            except BaseException:
                os._exit(127)
            return True
        os.close(ready_w)
        ready = os.read(ready_r, 1)
        os.close(ready_r)
        if ready != b'1':
            os.waitpid(pid, 0)
            send({'id': request['id'], 'refused': 'the child could not connect its output'})
            return False
        self.children[os.pidfd_open(pid)] = (request['id'], pid, request.get('signalExit', False))
        send({'id': request['id'], 'pid': pid})
        return False

    def reap(self, pidfd):
        request_id, pid, signal_exit = self.children.pop(pidfd)
        os.close(pidfd)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            signum = os.WTERMSIG(status)
            if not signal_exit:
                send({'id': request_id, 'signal': signum})
                return
            # A shell that did not exec its interpreter exits 128+N, and dash says why on
            # stderr, as strsignal words it, unless the signal was SIGINT or SIGPIPE.
            import signal
            said = ''
            if signum not in (signal.SIGINT, signal.SIGPIPE):
                said = signal.strsignal(signum) + (' (core dumped)' if os.WCOREDUMP(status) else '') + '\n'
            send({'id': request_id, 'exit': 128 + signum, 'shellSaid': said})
        else:
            send({'id': request_id, 'exit': os.WEXITSTATUS(status)})


def script_file(request):
    """__file__ of the script as Python makes it: the command-line path joined to the working directory."""
    path = request['argv'][0]
    return path if os.path.isabs(path) else os.path.join(request['cwd'], path)


def become_hook(request, path0, server, ready_w):
    """In the child: everything of a fresh process but the script itself."""
    global imported_before_fork
    imported_before_fork = server.modules
    os.chdir(request['cwd'])
    streams = []
    for tag in (b'1', b'2'):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(request['socket'])
        s.sendall(tag)
        streams.append(s.detach())
    null = os.open(os.devnull, os.O_RDONLY)
    for fd, target in ((null, 0), (streams[0], 1), (streams[1], 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.write(ready_w, b'1')
    os.closerange(3, os.sysconf('SC_OPEN_MAX'))
    os.environ.clear()
    os.environ.update(request['env'])
    sys.argv[:] = request['argv']
    sys.orig_argv[:] = [sys.orig_argv[0], *request['argv']]
    sys.path[:] = [path0, *server.base_path]
    if 'random' in sys.modules:
        sys.modules['random'].seed()
    for fd, data in ((1, server.preload_output[1]), (2, server.preload_output[2])):
        while data:
            data = data[os.write(fd, data):]


def run_script(request):
    """Runs the hook's script as `python <script>` runs it, and ends the process as Python does."""
    import builtins
    import importlib
    from importlib.machinery import SourceFileLoader
    from types import ModuleType

    file = script_file(request)
    # The names, in their order, of the __main__ a fresh interpreter runs a file in.
    main = ModuleType('__main__')
    main.__dict__.update({'__annotations__': {}, '__builtins__': builtins, '__file__': file, '__cached__': None})
    main.__loader__ = SourceFileLoader('__main__', file)
    sys.modules['__main__'] = main
    importlib.invalidate_caches()
    try:
        with open(file, 'rb') as source:
            code = compile(source.read(), file, 'exec', dont_inherit=True)
        exec(code, main.__dict__)
    except SystemExit:
        raise
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == server_file:
            tb = tb.tb_next
        error.__traceback__ = tb
        sys.last_type, sys.last_value, sys.last_traceback = type(error), error, tb
        sys.excepthook(type(error), error, tb)
        if isinstance(error, KeyboardInterrupt):
            # Python ends on an uncaught KeyboardInterrupt by dying of SIGINT.
            import signal
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        sys.exit(1)


try:
    server = Server(json.loads(sys.argv[1]))
except BaseException as error:
    send({'error': f'{type(error).__name__}: {error}'})
    sys.exit(1)
send({'ready': {'pid': os.getpid()}})
hook = server.serve()
del server
run_script(hook)
