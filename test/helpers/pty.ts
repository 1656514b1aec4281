// Runs a program under a pseudo-terminal, as a user at a terminal would, and types into it. Node
// has no pty module; Python's pty.fork makes the terminal (100 columns), the program's
// controlling terminal, its stdin, stdout and stderr alike.
import { execa } from 'execa';

/** Waits until `expect` appears in the output (after the previous step's match), then types `send`. */
export interface PtyStep {
  expect: string;
  send: string;
}

export interface PtyResult {
  /** Everything the program wrote to the terminal (stdout and stderr are one stream there). */
  output: string;
  code: number;
  /** Whether every step's text came before the program ended or its wait ran out. */
  allExpected: boolean;
}

const driver = String.raw`
import fcntl, json, os, pty, select, struct, sys, termios, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["argv"][0], spec["argv"], dict(os.environ))
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
out, at = b"", 0
def read(timeout):
    global out
    if select.select([fd], [], [], timeout)[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        out += data
    return True
expected = True
for step in spec["steps"]:
    want, deadline = step["expect"].encode(), time.time() + spec["timeout"]
    while out.find(want, at) < 0 and time.time() < deadline and read(0.1):
        pass
    found = out.find(want, at)
    if found < 0:
        expected = False
        break
    at = found + len(want)
    os.write(fd, step["send"].encode())
deadline = time.time() + spec["timeout"]
while time.time() < deadline and read(0.2):
    pass
if not expected:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({"output": out.decode(errors="replace"), "code": os.waitstatus_to_exitcode(status), "allExpected": expected}))
`;

/** Runs argv on a terminal of its own with env, taking the steps in turn; each wait lasts at most timeoutS. */
export async function underPty(argv: string[], steps: PtyStep[], env: Record<string, string>, timeoutS = 60): Promise<PtyResult> {
  const r = await execa('python3', ['-c', driver, JSON.stringify({ argv, steps, timeout: timeoutS })], { env, reject: false, stdin: 'ignore' });
  if (r.exitCode !== 0) throw new Error(`the pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PtyResult;
}
