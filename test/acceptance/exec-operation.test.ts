// `juju exec` as Juju 3.6 runs it: an operation of juju-exec tasks, numbered with run's, on
// bash, ops and reactive units alike; Juju's texts and exit codes for a unit that is not there
// (its task only), an application or leader that is not (the call), a command that fails, a
// wait that times out (the command is killed), and several units.
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { Sim, charm } from '../helpers/sim.js';

const unscheduled = (operation: number, reason: string): { code: number; stdout: string; stderr: string } => ({
  code: 0,
  stdout: '',
  stderr: `Operation ${operation} failed to schedule any tasks:\n${reason}\n`,
});

t.test('exec on bash, ops and reactive units: an operation of juju-exec tasks, with Juju\'s texts', async (t) => {
  const sim = new Sim(t);
  await sim.ok('deploy', charm('bash-redis'), 'bash', '-n', '2');
  await sim.ok('deploy', charm('ops-redis'), 'ops');
  await sim.ok('deploy', charm('reactive-redis'), 'reactive');
  await sim.ok('settle');

  // The first operation: the task ids follow it in the same sequence.
  const first = await sim.juju('exec', '--format', 'json', '--unit', 'bash/9', '--', 'true');
  t.same(first, unscheduled(1, 'unit "bash/9" not found'), 'a unit that is not there fails its task only: exit 0');
  let operation = 1;

  for (const app of ['bash', 'ops', 'reactive']) {
    await t.test(app, async (t) => {
      const leader = await sim.juju('exec', '--format', 'json', '--unit', `${app}/leader`, '--', 'echo $JUJU_UNIT_NAME $JUJU_ACTION_NAME; is-leader');
      t.equal(leader.code, 0, leader.stderr);
      operation += 2;
      const task = JSON.parse(leader.stdout)[`${app}/0`];
      t.match(task, {
        id: String(operation),
        status: 'completed',
        unit: `${app}/0`,
        results: { 'return-code': 0, stdout: `${app}/0 juju-exec\nTrue\n` },
        timing: { enqueued: /UTC$/, started: /UTC$/, completed: /UTC$/ },
      }, '<application>/leader: its leader, in a juju-exec task');

      // Juju commits what the commands wrote whatever their exit code.
      const failing = await sim.juju('exec', '--unit', `${app}/0`, '--', 'state-set left=behind; echo out; echo err >&2; exit 3');
      operation += 2;
      t.same(failing, { code: 1, stdout: 'out\nerr\n', stderr: `ERROR the following task failed:\n - id "${operation}" with return code 3\n\nuse 'juju show-task' to inspect the failure\n\n` });
      t.same(await sim.run('exec', `${app}/0`, '--', 'state-get left'), { code: 0, stdout: 'behind\n', stderr: '' }, 'its changes committed');
      operation += 2;

      t.same(await sim.juju('exec', '--unit', `${app}/5`, '--', 'true'), unscheduled(++operation, `unit "${app}/5" not found`));

      // The commands are killed at --wait: the late write never commits.
      t.same(await sim.juju('exec', '--unit', `${app}/0`, '--wait', '0.5s', '--', 'sleep 2; state-set late=yes'), {
        code: 1,
        stdout: '',
        stderr: `ERROR timed out waiting for results from: unit ${app}/0\n`,
      });
      operation += 2;
      await sleep(2500);
      t.same(await sim.run('exec', `${app}/0`, '--', 'state-get late'), { code: 0, stdout: '', stderr: '' }, 'the command was killed');
      operation += 2;
    });
  }

  await t.test('targets that are not there fail the call', async (t) => {
    t.same(await sim.juju('exec', '--app', 'nosuch', '--', 'true'), { code: 1, stdout: '', stderr: 'ERROR application "nosuch" not found\n' });
    t.same(await sim.juju('exec', '--unit', 'nosuch/leader', '--', 'true'), { code: 1, stdout: '', stderr: 'ERROR could not determine leader for "nosuch"\n' });
    t.same(await sim.juju('exec', '--', 'true'), {
      code: 2,
      stdout: '',
      stderr: 'ERROR You must specify a target, either through --all, --machine, --application or --unit\n',
    });
    t.same(await sim.juju('exec', '--unit', 'Bad', '--app', 'x_y', '--', 'true'), {
      code: 2,
      stdout: '',
      stderr: 'ERROR The following exec targets are not valid:\n  "x_y" is not a valid application name\n  "Bad" is not a valid unit name\n',
    });
    t.same(await sim.juju('exec', '--machine', '0', '--', 'true'), {
      code: 1,
      stdout: '',
      stderr: 'ERROR exec on machines is not implemented in juju-sim: there are no machines\n',
    });
  });

  await t.test('two units: one task each, in one operation', async (t) => {
    const both = await sim.juju('exec', '--format', 'json', '--application', 'bash', '--', 'echo $JUJU_UNIT_NAME');
    t.equal(both.code, 0, both.stderr);
    const tasks = JSON.parse(both.stdout);
    t.same(Object.keys(tasks).sort(), ['bash/0', 'bash/1']);
    const ids = [tasks['bash/0'].id, tasks['bash/1'].id].map(Number);
    t.equal(ids[1], ids[0] + 1, 'consecutive tasks of one operation');
    t.same(tasks['bash/1'].results, { 'return-code': 0, stdout: 'bash/1\n' });
    t.same(await sim.juju('exec', '--unit', 'bash/1,bash/0', '--', 'echo $JUJU_UNIT_NAME'), {
      code: 0,
      stdout: 'bash/0:\nbash/0\n\nbash/1:\nbash/1\n\n',
      stderr: '',
    }, "plain: each unit's output under its name");
    const mixed = await sim.juju('exec', '--format', 'json', '--unit', 'bash/0,bash/7', '--', 'exit 1');
    t.equal(mixed.code, 1);
    t.match(mixed.stderr, /^Some actions could not be scheduled:\nunit "bash\/7" not found\n\nERROR the following task failed:\n - id "\d+" with return code 1\n\nuse 'juju show-task' to inspect the failure\n\n$/);
    t.same(Object.keys(JSON.parse(mixed.stdout)), ['bash/0']);
    // run takes the next operation number: exec's tasks share its sequence.
    const last = Number(JSON.parse(mixed.stdout)['bash/0'].id);
    t.same(await sim.juju('run', 'bash/7', 'anything'), { code: 0, stdout: '', stderr: `\n${unscheduled(last + 1, 'unit "bash/7" not found').stderr}` });
  });

  await t.test('show-task: a task of exec as it is, or once it has finished', async (t) => {
    const failed = await sim.juju('exec', '--format', 'json', '--unit', 'bash/0', '--', 'echo out; echo err >&2; exit 3');
    const [task] = Object.values(JSON.parse(failed.stdout)) as Array<{ id: string }>;
    t.same(await sim.juju('show-task', task.id), { code: 0, stdout: '\nout\nerr\n', stderr: '' }, 'plain: the streams after the (empty) results');
    t.same(JSON.parse((await sim.juju('show-task', task.id, '--format', 'json')).stdout), task, 'json: the task as exec printed it');

    const slow = await sim.juju('exec', '--unit', 'bash/1', '--wait', '0.3s', '--', 'sleep 3');
    t.same(slow, { code: 1, stdout: '', stderr: 'ERROR timed out waiting for results from: unit bash/1\n' });
    const watched = await sim.juju('show-task', String(Number(task.id) + 2), '--watch', '--format', 'json');
    t.match(JSON.parse(watched.stdout), { unit: 'bash/1', status: 'failed', message: 'command cancelled' }, '--watch: killed at its timeout');

    t.same(await sim.juju('show-task', '999'), { code: 1, stdout: '', stderr: 'ERROR action "999" not found\n' });
    t.same(await sim.juju('show-task', 'x'), { code: 2, stdout: '', stderr: 'ERROR task ID "x" not valid\n' });
    t.same(await sim.juju('show-task'), { code: 2, stdout: '', stderr: 'ERROR no task ID specified\n' });
    t.same(await sim.juju('show-task', '1', '--wait', '1s', '--watch'), { code: 2, stdout: '', stderr: 'ERROR specify either --watch or --wait but not both\n' });
  });

  await t.test('show-operation and operations: the operations of exec and run, with their tasks', async (t) => {
    const both = await sim.juju('exec', '--format', 'json', '--unit', 'bash/1,bash/0,bash/8', '--', 'echo $JUJU_UNIT_NAME');
    const ids = Object.values(JSON.parse(both.stdout) as Record<string, { id: string }>).map((task) => Number(task.id)).sort((a, b) => a - b);
    const id = ids[0] - 1;
    const shown = await sim.juju('show-operation', String(id));
    t.equal(shown.code, 0, shown.stderr);
    const T = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC';
    const task = (n: number, unit: string): string =>
      `  "${n}":\n    host: ${unit}\n    status: completed\n    timing:\n      enqueued: ${T}\n      started: ${T}\n      completed: ${T}\n` +
      `    results:\n      return-code: 0\n      stdout: \\|\n        ${unit}\n`;
    t.match(
      shown.stdout,
      new RegExp(
        '^summary: juju-exec run on unit-bash-0,unit-bash-1,unit-bash-8\\nstatus: error\\n' +
          `fail: 'error\\(s\\) enqueueing action\\(s\\): unit "bash/8" not found'\\n` +
          'action:\\n  name: juju-exec\\n  parameters:\\n    command: echo \\$JUJU_UNIT_NAME\\n    timeout: 300000000000\\n    workload-context: false\\n' +
          `timing:\\n  enqueued: ${T}\\n  started: ${T}\\n  completed: ${T}\\ntasks:\\n${task(ids[0], 'bash/0')}${task(ids[1], 'bash/1')}$`,
      ),
      'YAML: the tasks, the one action, and the request that queued nothing (an error, as in Juju)',
    );
    t.match(JSON.parse((await sim.juju('show-operation', String(id), '--format', 'json')).stdout), { status: 'error', tasks: { [ids[1]]: { host: 'bash/1' } } });
    t.same(await sim.juju('show-operation', '9999'), { code: 1, stdout: '', stderr: 'ERROR operation "9999" not found\n' });
    t.same(await sim.juju('show-operation', 'x'), { code: 2, stdout: '', stderr: 'ERROR operation ID "x" not valid\n' });

    const listed = await sim.juju('operations', '--units', 'bash/1');
    t.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    t.match(lines[0], /^ *ID {2}Status +Started +Finished +Task IDs {2}Summary$/, 'the header');
    t.match(lines.at(-1), new RegExp(`^ *${id}  error +\\S+ +\\S+ +${ids.join(',')} +juju-exec run on unit-bash-0,unit-bash-1,unit-bash-8$`), 'the last row');
    t.ok(lines.slice(1).every((line) => /unit-bash-1/.test(line)), 'only operations with a task on bash/1');
    const failedOnly = JSON.parse((await sim.juju('operations', '--status', 'failed', '--format', 'json')).stdout);
    t.ok(Object.values(failedOnly).length > 0 && Object.values(failedOnly).every((op) => (op as { status: string }).status === 'failed'), '--status');
    t.same(await sim.juju('operations', '--actions', 'nothing-here'), { code: 0, stdout: '', stderr: 'no matching operations\n' });
    t.same(await sim.juju('operations', '--units', 'bad'), { code: 2, stdout: '', stderr: 'ERROR invalid unit name "bad"\n' });
  });
});
