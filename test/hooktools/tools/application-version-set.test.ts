import t from 'tap';
import type { ContextVersion } from '../../../core/hook-context.js';
import { ApplicationVersionSetCommand } from '../../../hooktools/tools/application-version-set.js';
import { runWith as run } from '../fakes/run.js';

function versions(): ContextVersion & { set: string[] } {
  const set: string[] = [];
  return { set, setUnitWorkloadVersion: (version) => void set.push(version) };
}

const cases: Array<{ name: string; args: string[]; set?: string[]; stderr?: string; code?: number }> = [
  { name: 'a version', args: ['1.2.3'], set: ['1.2.3'] },
  { name: 'ops: -- VERSION', args: ['--', '14.2-ubuntu'], set: ['14.2-ubuntu'] },
  { name: 'a version that looks like an option', args: ['--', '-rc1'], set: ['-rc1'] },
  { name: 'an empty version clears it', args: [''], set: [''] },
  { name: 'no version', args: [], stderr: 'ERROR no version specified\n', code: 2 },
  { name: 'only --', args: ['--'], stderr: 'ERROR no version specified\n', code: 2 },
  { name: 'one version only', args: ['1.2', '3'], stderr: 'ERROR unrecognized args: ["3"]\n', code: 2 },
  { name: 'no options', args: ['-v', '1'], stderr: 'ERROR option provided but not defined: -v\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = versions();
    const got = run(new ApplicationVersionSetCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.set, c.set ?? []);
  });
}

t.test('help', async (t) => {
  const got = run(new ApplicationVersionSetCommand(versions()), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: application-version-set <new-version>\n\nSummary:\n/);
});
