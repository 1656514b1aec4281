import t from 'tap';
import { JujuRebootCommand } from '../../../hooktools/tools/juju-reboot.js';
import { fakeInstance, type FakeInstanceSpec } from '../fakes/instance.js';
import { runWith as run } from '../fakes/run.js';

const cases: Array<{
  name: string;
  spec?: FakeInstanceSpec;
  args: string[];
  reboot?: 'none' | 'after-hook' | 'now';
  stderr?: string;
  code?: number;
}> = [
  { name: 'after the hook', args: [], reboot: 'after-hook' },
  { name: '--now', args: ['--now'], reboot: 'now' },
  { name: '--now=false', args: ['--now=false'], reboot: 'after-hook' },
  { name: 'a failing request', spec: { rebootError: 'cannot kill the hook' }, args: ['--now'], stderr: 'ERROR cannot kill the hook\n', code: 1 },
  {
    name: 'not in an action',
    spec: { inAction: true },
    args: ['--now'],
    stderr: 'ERROR juju-reboot is not supported when running an action.\n',
    code: 1,
  },
  { name: 'too many arguments', args: ['--way', '--too', '--many'], stderr: 'ERROR option provided but not defined: --way\n', code: 2 },
  { name: 'no positional arguments', args: ['now'], stderr: 'ERROR unrecognized args: ["now"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = fakeInstance(c.spec ?? {});
    const got = run(new JujuRebootCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.equal(ctx.reboot, c.reboot ?? 'none');
  });
}

t.test('help', async (t) => {
  const got = run(new JujuRebootCommand(fakeInstance({})), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: juju-reboot \[options\]\n/);
  t.match(got.stdout, '\n--now  (= false)\n');
});
