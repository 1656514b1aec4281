import t from 'tap';
import type { SecretMetadata } from '../../../core/hook-context.js';
import { SecretIdsCommand } from '../../../hooktools/tools/secret-ids.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets } from '../fakes/secrets.js';

function metadata(...ids: string[]): Record<string, SecretMetadata> {
  const entry = (id: string): SecretMetadata => ({
    id,
    owner: 'application',
    label: '',
    description: '',
    rotatePolicy: '',
    latestRevision: 1,
    access: [],
  });
  return Object.fromEntries(ids.map((id) => [id, entry(id)]));
}

const three = metadata('d1t0l8pgcfe1l4mpvqkg', '9m4e2mr0ui3e8a215n4g', 'cd88u16ffbaql5kgmlh0');

const cases: Array<{ name: string; owned: Record<string, SecretMetadata>; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  // Juju's TestSecretIds.
  { name: 'one secret', owned: metadata('9m4e2mr0ui3e8a215n4g'), args: [], stdout: '9m4e2mr0ui3e8a215n4g\n' },

  { name: 'smart: one per line, sorted', owned: three, args: [], stdout: '9m4e2mr0ui3e8a215n4g\ncd88u16ffbaql5kgmlh0\nd1t0l8pgcfe1l4mpvqkg\n' },
  { name: 'ops: --format=json', owned: three, args: ['--format=json'], stdout: '["9m4e2mr0ui3e8a215n4g","cd88u16ffbaql5kgmlh0","d1t0l8pgcfe1l4mpvqkg"]\n' },
  { name: 'yaml', owned: three, args: ['--format', 'yaml'], stdout: '- 9m4e2mr0ui3e8a215n4g\n- cd88u16ffbaql5kgmlh0\n- d1t0l8pgcfe1l4mpvqkg\n' },
  // Juju's nil slice: nothing in smart, null in json, [] in yaml.
  { name: 'none, smart', owned: {}, args: [], stdout: '' },
  { name: 'none, json', owned: {}, args: ['--format=json'], stdout: 'null\n' },
  { name: 'none, yaml', owned: {}, args: ['--format=yaml'], stdout: '[]\n' },
  { name: 'no arguments', owned: three, args: ['x'], stderr: 'ERROR unrecognized args: ["x"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeSecrets([], c.owned);
    t.same(runWith(new SecretIdsCommand(ctx), c.args), { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.code === undefined ? [['secretMetadata']] : []);
  });
}

t.test('help', async (t) => {
  const help = runWith(new SecretIdsCommand(new FakeSecrets()), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-ids \[options\]\n\nSummary:\n/);
  t.match(help.stdout, '\n--format  (= smart)\n    Specify output format (json|smart|yaml)\n');
});
