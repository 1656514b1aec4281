// An operation's status from its tasks' (Juju's operation.Status and its completion in
// action.Finish): the first of statusOrder while a task is active, of statusCompletedOrder once
// none is, and error when no task was queued or a completed one lost some requests.
import t from 'tap';
import { operationStatus } from '../../../agent/controller/actions.js';
import type { ActionStatus } from '../../../agent/controller/records.js';

t.test('operation status', async (t) => {
  const cases: Array<[string, ActionStatus[], string, string]> = [
    ['nothing queued, nothing failed', [], '', 'pending'],
    ['nothing queued: error', [], 'error(s) enqueueing action(s): unit "a/9" not found', 'error'],
    ['one pending', ['pending'], '', 'pending'],
    ['running before pending', ['pending', 'running'], '', 'running'],
    ['pending before failed while active', ['failed', 'pending'], '', 'pending'],
    ['all completed', ['completed', 'completed'], '', 'completed'],
    ['one failed: failed', ['completed', 'failed'], '', 'failed'],
    ['completed, but a request was lost: error', ['completed'], 'error(s) enqueueing action(s): x', 'error'],
    ['failed stays failed though a request was lost', ['failed'], 'error(s) enqueueing action(s): x', 'failed'],
    ['active with a request lost: the tasks say', ['running'], 'error(s) enqueueing action(s): x', 'running'],
  ];
  for (const [name, statuses, fail, want] of cases) t.equal(operationStatus(fail, statuses), want, name);
});
