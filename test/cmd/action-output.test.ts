// What `juju run` prints for finished tasks: the per-unit map (json/yaml) with its return code,
// and the plain format, byte for byte.
import t from 'tap';
import type { ActionRecord } from '../../agent/controller/records.js';
import { failedTasksMessage, jujuTime, plainOutput, progressLine, taskInfo } from '../../cmd/action-output.js';
import { formatJson } from '../../core/format.js';

const task = (patch: Partial<ActionRecord> = {}): ActionRecord => ({
  id: 2,
  operation: 1,
  unit: 'demo/0',
  name: 'backup',
  params: {},
  status: 'completed',
  message: '',
  results: { 'return-code': 0 },
  log: [],
  enqueued: '2026-01-01T10:02:59.000Z',
  started: '2026-01-01T10:03:00.000Z',
  completed: '2026-01-01T10:03:01.000Z',
  ...patch,
});

t.test('times', async (t) => {
  t.equal(jujuTime('2026-01-01T10:02:59.000Z'), '2026-01-01 10:02:59 +0000 UTC');
  t.equal(progressLine({ time: '2026-01-01T10:02:59.000Z', message: 'half way' }), '10:02:59 half way');
});

t.test('the json map of a task, and its return code', async (t) => {
  const cases: Array<[string, ActionRecord, string, number]> = [
    [
      'completed, with results, output and log',
      task({
        results: { 'return-code': 0, stdout: 'a\r\nb\n', stderr: '', out: { file: 'x' } },
        log: [{ time: '2026-01-01T10:03:00.000Z', message: 'started <now>' }],
      }),
      '{"demo/0":{"id":"2","log":["2026-01-01 10:03:00 +0000 UTC started \\u003cnow\\u003e"],' +
        '"results":{"out":{"file":"x"},"return-code":0,"stdout":"a\\nb\\n"},"status":"completed",' +
        '"timing":{"completed":"2026-01-01 10:03:01 +0000 UTC","enqueued":"2026-01-01 10:02:59 +0000 UTC","started":"2026-01-01 10:03:00 +0000 UTC"},' +
        '"unit":"demo/0"}}',
      0,
    ],
    [
      'failed with a return code',
      task({ status: 'failed', message: 'exit status 3', results: { 'return-code': 3 } }),
      '{"demo/0":{"id":"2","message":"exit status 3","results":{"return-code":3},"status":"failed",' +
        '"timing":{"completed":"2026-01-01 10:03:01 +0000 UTC","enqueued":"2026-01-01 10:02:59 +0000 UTC","started":"2026-01-01 10:03:00 +0000 UTC"},' +
        '"unit":"demo/0"}}',
      3,
    ],
    [
      'never ran: no results, no return code',
      task({ status: 'failed', message: 'action not implemented on unit "demo/0"', results: null, started: null }),
      '{"demo/0":{"id":"2","message":"action not implemented on unit \\"demo/0\\"","status":"failed",' +
        '"timing":{"completed":"2026-01-01 10:03:01 +0000 UTC","enqueued":"2026-01-01 10:02:59 +0000 UTC"},"unit":"demo/0"}}',
      -1,
    ],
  ];
  for (const [name, record, json, code] of cases) {
    const shown = taskInfo(record);
    t.equal(formatJson({ [record.unit]: shown.info }).toString(), json, name);
    t.equal(shown.code, code, `${name}: return code`);
  }
});

t.test('plain format', async (t) => {
  const plain = (...records: ActionRecord[]): string => plainOutput(Object.fromEntries(records.map((r) => [r.unit, taskInfo(r).info])));
  t.equal(
    plain(task({ results: { 'return-code': 0, stdout: '\nout\n\n', stderr: 'err\n', result: { size: '10G' }, count: '3' } })),
    'count: "3"\nresult:\n  size: 10G\n\nout\nerr\n',
    'results as YAML and a blank line, then stdout and stderr trimmed of newlines',
  );
  t.equal(plain(task()), '\n', 'no results of its own: an empty line');
  t.equal(
    plain(task({ status: 'failed', message: 'the disk is full', results: { 'return-code': 0, partial: 'yes' } })),
    'Action id 2 failed: the disk is full\npartial: "yes"\n\n',
  );
  t.equal(
    plain(task({ status: 'failed', message: 'action not implemented on unit "demo/0"', results: null })),
    'Action id 2 failed: action not implemented on unit "demo/0"\nTask 2 failed\n\n',
  );
  t.equal(
    plain(task({ results: { 'return-code': 0, a: '1' } }), task({ id: 3, unit: 'demo/1', status: 'failed', message: 'no', results: null })),
    'demo/0:\n  id: "2"\n  output: |\n    a: "1"\n  status: completed\ndemo/1:\n  id: "3"\n  message: "no"\n  output: |\n    Task 3 failed\n  status: failed\n',
    'several tasks: a YAML map',
  );
});

t.test("the error naming the tasks that failed, in Juju's words", async (t) => {
  const cases: Array<[Array<{ id: number; code: number }>, string]> = [
    [[{ id: 4, code: 3 }], 'the following task failed:\n - id "4" with return code 3\n\nuse \'juju show-task\' to inspect the failure\n'],
    [
      [{ id: 12, code: 1 }, { id: 11, code: 255 }],
      'the following tasks failed:\n - id "11" with return code 255\n - id "12" with return code 1\n\nuse \'juju show-task\' to inspect the failures\n',
    ],
  ];
  for (const [failed, want] of cases) t.equal(failedTasksMessage(failed), want, JSON.stringify(failed));
});
