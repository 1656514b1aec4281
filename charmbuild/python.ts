// The Python interpreter charm virtualenvs are built with. A pyenv or asdf `python3` on PATH is
// a shim script; a venv must point at the real interpreter, so ask Python where it lives.

export interface Python {
  /** Absolute path of the real interpreter (`sys.executable`). */
  executable: string;
  /** Full version, e.g. `3.11.7`: part of cache keys, as a venv only fits the version it was made with. */
  version: string;
}

let resolved: Promise<Python> | undefined;

async function resolvePython(command: string): Promise<Python> {
  // Loaded when first needed, as step.ts says why.
  const { execa } = await import('execa');
  const r = await execa(command, ['-c', 'import platform, sys; print(sys.executable); print(platform.python_version())'], {
    reject: false,
    stdin: 'ignore',
  });
  const [executable, version] = String(r.stdout).trim().split('\n');
  if (r.exitCode !== 0 || !executable || !version) {
    throw new Error(`cannot find a Python interpreter: "${command}" ${r.exitCode === undefined ? 'could not be run' : 'failed'}${r.stderr ? `: ${String(r.stderr).trim()}` : ''}`);
  }
  return { executable, version };
}

/** The interpreter named by $JUJU_SIM_PYTHON, else `python3` from PATH; looked up once per process. */
export function python(): Promise<Python> {
  resolved ??= resolvePython(process.env.JUJU_SIM_PYTHON || 'python3');
  return resolved;
}
