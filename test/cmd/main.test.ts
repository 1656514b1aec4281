// The CLI's own argument errors: exit 2 and Juju's wording, before any daemon is involved.
import t from 'tap';
import { execa } from 'execa';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, root } from '../helpers/sim.js';

t.test('usage errors exit 2 with Juju\'s wording', async (t) => {
  const sim = new Sim(t);
  const cases: Array<[string[], string]> = [
    [['deploy', '--bogus', 'x'], 'ERROR option provided but not defined: --bogus\n'],
    [['nosuch'], 'ERROR juju-sim: "nosuch" is not a juju-sim command. See "juju-sim --help".\n'],
    [['deploy'], "ERROR missing required argument 'charm'\n"],
    [['deploy', 'x', '-n', '0'], 'ERROR invalid value "0" for option --num-units: expected a positive integer\n'],
    [['settle', '--timeout', '10'], 'ERROR invalid value "10" for option --timeout: time: missing unit in duration "10"\n'],
    [['daemon', 'start', '--bogus'], 'ERROR option provided but not defined: --bogus\n'],
    [['daemon', 'start', '--max-parallel-hooks', '0'], 'ERROR invalid value "0" for option --max-parallel-hooks: expected a positive integer\n'],
    [['daemon', 'start', '--max-parallel-hooks', '2.5'], 'ERROR invalid value "2.5" for option --max-parallel-hooks: expected a positive integer\n'],
    [['daemon', 'start', '--max-parallel-hooks', '0x4'], 'ERROR invalid value "0x4" for option --max-parallel-hooks: expected a positive integer\n'],
    [['daemon', 'start', '--max-parallel-hooks'], 'ERROR option needs an argument: --max-parallel-hooks\n'],
  ];
  for (const [args, stderr] of cases) t.same(await sim.run(...args), { code: 2, stdout: '', stderr }, args.join(' '));
  const help = await sim.run('help', 'settle');
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: juju-sim settle \[options\]\n/);
});

t.test('bin/juju-sim, the directory the README puts on PATH, runs this checkout\'s CLI, through a symlink too', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-path-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(join(root, 'bin', 'juju-sim'), join(dir, 'juju-sim'));
  for (const launcher of [join(root, 'bin', 'juju-sim'), join(dir, 'juju-sim')]) {
    const r = await execa(launcher, ['help', 'settle'], { reject: false });
    t.equal(r.exitCode, 0, launcher);
    t.match(r.stdout, /^Usage: juju-sim settle \[options\]\n/);
  }
});
