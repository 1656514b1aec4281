import t from 'tap';
import { toolNames, tools } from '../../hooktools/registry.js';
import type { HookContext } from '../../core/hook-context.js';
import { runWith } from './fakes/run.js';

// Juju 3.6's hook tools (reference §4.1): every one of them has an entry.
const juju36 = [
  'action-fail', 'action-get', 'action-log', 'action-set', 'add-metric', 'application-version-set',
  'close-port', 'config-get', 'credential-get', 'goal-state', 'is-leader', 'juju-log', 'juju-reboot',
  'k8s-raw-get', 'k8s-raw-set', 'k8s-spec-get', 'k8s-spec-set', 'leader-get', 'leader-set',
  'network-get', 'open-port', 'opened-ports', 'payload-register', 'payload-status-set',
  'payload-unregister', 'pod-spec-get', 'pod-spec-set', 'relation-get', 'relation-ids',
  'relation-list', 'relation-model-get', 'relation-set', 'resource-get', 'secret-add', 'secret-get',
  'secret-grant', 'secret-ids', 'secret-info-get', 'secret-remove', 'secret-revoke', 'secret-set',
  'state-delete', 'state-get', 'state-set', 'status-get', 'status-set', 'storage-add', 'storage-get',
  'storage-list', 'unit-get',
];

t.test('toolNames lists every Juju 3.6 hook tool, sorted', async (t) => {
  t.same(toolNames, juju36);
  t.same([...tools.keys()].sort(), toolNames);
});

// A tool juju-sim does not emulate asks nothing of the context: any question is a failure.
const nothing = new Proxy({} as HookContext, {
  get(_target, name) {
    throw new Error(`a not-implemented tool asked the context for ${String(name)}`);
  },
});

for (const [name, args] of [
  ['pod-spec-set', []],
  ['pod-spec-set', ['--file', '/tmp/spec.yaml']],
  ['payload-register', ['--format=json', 'docker', 'x', '--refresh']],
] as const) {
  t.test(`${name} ${args.join(' ')} is not implemented yet, whatever its options`, async (t) => {
    const factory = tools.get(name);
    if (!factory) throw new Error(`${name} missing`);
    t.same(runWith(factory(nothing), [...args]), {
      code: 1,
      stdout: '',
      stderr: `ERROR ${name} is not implemented in juju-sim\n`,
    });
  });
}
