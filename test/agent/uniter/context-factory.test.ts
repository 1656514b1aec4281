// exec's relation and remote unit, settled as Juju's uniter settles them: a table of requests
// against the relations a unit is in (Juju's contextfactory tests for CommandContext among them).
import t from 'tap';
import { inferRemoteUnit } from '../../../agent/uniter/context-factory.js';
import type { ExecRequest } from '../../../agent/uniter/operation.js';

const members = new Map([
  [0, ['foo/2']],
  [1, []],
  [2, ['db/0', 'db/1']],
]);

t.test('inferRemoteUnit', async (t) => {
  type Request = Pick<ExecRequest, 'relationId' | 'remoteUnit' | 'forceRemoteUnit'>;
  const ok: Array<[string, Request, object]> = [
    ['no relation', {}, {}],
    ['the only member', { relationId: 0 }, { relationId: 0, remoteUnit: 'foo/2' }],
    ['a member given', { relationId: 2, remoteUnit: 'db/1' }, { relationId: 2, remoteUnit: 'db/1' }],
    ['forced, no remote unit', { relationId: 0, forceRemoteUnit: true }, { relationId: 0, remoteUnit: undefined }],
    ['forced, a unit not in the relation', { relationId: 0, remoteUnit: 'blah/123', forceRemoteUnit: true }, { relationId: 0, remoteUnit: 'blah/123' }],
    ['forced, an empty relation', { relationId: 1, forceRemoteUnit: true }, { relationId: 1, remoteUnit: undefined }],
  ];
  for (const [name, request, want] of ok) t.same(inferRemoteUnit(members, request), want, name);

  const failing: Array<[string, Request, string]> = [
    ['an empty relation', { relationId: 1 }, 'cannot infer remote unit in empty relation 1'],
    ['several members', { relationId: 2 }, 'ambiguous remote unit; possibilities are [db/0 db/1]'],
    ['a unit not in the relation', { relationId: 2, remoteUnit: 'db/7' }, 'unknown remote unit db/7; possibilities are [db/0 db/1]'],
    ['a unit of an empty relation', { relationId: 1, remoteUnit: 'db/0' }, 'unknown remote unit db/0; possibilities are []'],
    ['a relation the unit is not in', { relationId: 9 }, 'unknown relation id: 9'],
    ['forced, a relation the unit is not in', { relationId: 9, forceRemoteUnit: true }, 'unknown relation id: 9'],
    ['not a unit name', { relationId: 0, remoteUnit: 'foo' }, 'invalid remote unit name "foo"'],
    ['forced, not a unit name', { relationId: 0, remoteUnit: 'foo', forceRemoteUnit: true }, 'invalid remote unit name "foo"'],
  ];
  for (const [name, request, message] of failing) t.throws(() => inferRemoteUnit(members, request), { message }, name);
});
