// A juju-exec task's params: Juju's three (command, timeout in nanoseconds, workload-context),
// juju-sim's relation context only when given, and the commands read back from them.
import t from 'tap';
import { execRequestOf, jujuExecParams, type ExecRequest } from '../../../agent/uniter/operation.js';

t.test('juju-exec params, and back', async (t) => {
  const cases: Array<[string, ExecRequest, Record<string, unknown>]> = [
    ['no timeout', { command: 'ls' }, { command: 'ls', timeout: 0, 'workload-context': false }],
    ['a timeout', { command: 'ls', timeoutMs: 1500 }, { command: 'ls', timeout: 1_500_000_000, 'workload-context': false }],
    [
      "juju-sim's relation context",
      { command: 'env', relationId: 3, remoteUnit: 'db/1', remoteApp: 'db', forceRemoteUnit: true, timeoutMs: 300_000 },
      {
        command: 'env',
        timeout: 300_000_000_000,
        'workload-context': false,
        'relation-id': 3,
        'remote-unit': 'db/1',
        'remote-app': 'db',
        'force-remote-unit': true,
      },
    ],
  ];
  for (const [name, request, params] of cases) {
    t.same(jujuExecParams(request), params, name);
    const back = execRequestOf(params);
    t.same(back, { relationId: undefined, remoteUnit: undefined, remoteApp: undefined, forceRemoteUnit: undefined, ...request, timeoutMs: request.timeoutMs }, `${name}: read back`);
  }
  t.same(execRequestOf({ command: 'ls', timeout: '5s', 'relation-id': '3' }).timeoutMs, undefined, 'a timeout that is not a number is none');
});
