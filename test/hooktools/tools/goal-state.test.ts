import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { GoalState } from '../../../core/hook-context.js';
import { GoalStateCommand } from '../../../hooktools/tools/goal-state.js';
import { fakeInstance } from '../fakes/instance.js';
import { runWith as run } from '../fakes/run.js';

const since = '2200-11-05 15:29:12Z';

// Juju's own goal-state fixture.
const goal: GoalState = {
  units: { 'mysql/0': { status: 'active', since } },
  relations: {
    server: { 'wordpress/0': { status: 'active', since } },
    db: { 'mysql/0': { status: 'active', since } },
  },
};

const yaml = `units:
  mysql/0:
    status: active
    since: ${since}
relations:
  db:
    mysql/0:
      status: active
      since: ${since}
  server:
    wordpress/0:
      status: active
      since: ${since}
`;
const json =
  `{"units":{"mysql/0":{"status":"active","since":"${since}"}},"relations":{"db":{"mysql/0":{"status":"active","since":"${since}"}},` +
  `"server":{"wordpress/0":{"status":"active","since":"${since}"}}}}\n`;

const cases: Array<{ name: string; goal?: GoalState; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'default is yaml', args: [], stdout: yaml },
  { name: 'yaml', args: ['--format', 'yaml'], stdout: yaml },
  { name: 'ops: json', args: ['--format=json'], stdout: json },
  {
    name: 'nothing planned',
    goal: { units: {}, relations: {} },
    args: [],
    stdout: 'units: {}\nrelations: {}\n',
  },
  { name: 'nothing planned, json', goal: { units: {}, relations: {} }, args: ['--format=json'], stdout: '{"units":{},"relations":{}}\n' },
  {
    name: 'no time leaves since out',
    goal: { units: { 'app/0': { status: 'waiting', since: '' } }, relations: { db: { mysql: { status: 'joined', since } } } },
    args: ['--format=json'],
    stdout: `{"units":{"app/0":{"status":"waiting"}},"relations":{"db":{"mysql":{"status":"joined","since":"${since}"}}}}\n`,
  },
  { name: 'smart is not offered', args: ['--format', 'smart'], stderr: 'ERROR invalid value "smart" for option --format: unknown format "smart"\n', code: 2 },
  { name: 'no arguments', args: ['x'], stderr: 'ERROR unrecognized args: ["x"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new GoalStateCommand(fakeInstance({ goalState: c.goal ?? goal })), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('--output', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'goal-state-'));
  const got = run(new GoalStateCommand(fakeInstance({ goalState: goal })), ['--format', 'json', '--output', 'some-file'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(join(dir, 'some-file'), 'utf8'), json);
});

t.test('help', async (t) => {
  const got = run(new GoalStateCommand(fakeInstance({})), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, '\n--format  (= yaml)\n    Specify output format (json|yaml)\n');
});
