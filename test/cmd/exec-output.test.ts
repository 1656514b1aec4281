// What `juju exec` checks of its targets before it asks (its Init) and how it prints the tasks in
// its plain format (printExecOutput), byte for byte.
import t from 'tap';
import { invalidTargets, plainExecOutput } from '../../cmd/commands/exec.js';
import type { TaskInfo } from '../../cmd/action-output.js';

t.test('targets that are not names', async (t) => {
  const cases: Array<[string[], string[], string | undefined]> = [
    [['demo/0', 'demo/leader', 'my-app/12'], ['demo', 'my-app'], undefined],
    [['demo'], [], 'The following exec targets are not valid:\n  "demo" is not a valid unit name'],
    [['Demo/0', 'demo/01'], [], 'The following exec targets are not valid:\n  "Demo/0" is not a valid unit name\n  "demo/01" is not a valid unit name'],
    [['demo/leader/0'], ['my_app', '1app'], 'The following exec targets are not valid:\n  "my_app" is not a valid application name\n  "1app" is not a valid application name\n  "demo/leader/0" is not a valid unit name'],
  ];
  for (const [units, applications, want] of cases) t.equal(invalidTargets(units, applications), want, [...units, ...applications].join(' '));
});

const task = (unit: string, results?: TaskInfo): TaskInfo => ({ id: '2', status: 'completed', unit, ...(results ? { results } : {}) });

t.test('plain: the output of each unit, under its name when there are several', async (t) => {
  const cases: Array<[string, Record<string, TaskInfo>, string]> = [
    ['one unit: stdout then stderr, each ending a line', { 'a/0': task('a/0', { 'return-code': 1, stdout: 'out', stderr: 'err\n' }) }, 'out\nerr\n'],
    ['one unit, no output', { 'a/0': task('a/0', { 'return-code': 0 }) }, ''],
    ['no results at all', { 'a/0': task('a/0') }, ''],
    [
      'several, in natural order',
      { 'a/10': task('a/10', { stdout: 'ten\n' }), 'a/2': task('a/2', { stdout: 'two\n' }) },
      'a/2:\ntwo\n\na/10:\nten\n\n',
    ],
    [
      'several, one of them silent',
      { 'a/0': task('a/0', { stdout: 'zero\n' }), 'a/1': task('a/1', { 'return-code': 0 }), 'a/2': task('a/2', { stderr: 'two' }) },
      'a/0:\nzero\n\na/1:\n\na/2:\ntwo\n\n',
    ],
    ['several tasks, one with output: no names', { 'a/0': task('a/0', { stdout: 'zero\n' }), 'a/1': task('a/1', {}) }, 'zero\n'],
  ];
  for (const [name, tasks, want] of cases) t.equal(plainExecOutput(tasks), want, name);
});
