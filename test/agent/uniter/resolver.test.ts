// The unit agent's choices, as tables: local state + remote state (+ queued requests) → next
// hook, next operation.
import t from 'tap';
import {
  afterHook,
  nextHook,
  nextSecretHook,
  nextOperation,
  nextRelationHook,
  type LocalState,
  type RemoteRelation,
  type RemoteState,
} from '../../../agent/uniter/resolver.js';
import { hookName, type HookInfo } from '../../../agent/uniter/hook.js';
import type { Operation, PendingAction, UserRequest } from '../../../agent/uniter/operation.js';
import type { HookError, OperationState, RelationState } from '../../../agent/uniter/state.js';

const op = (patch: Partial<OperationState> = {}): OperationState => ({
  installed: true,
  started: true,
  leader: false,
  configHash: 'h',
  leaderSettingsVersion: 0,
  charmRev: 1,
  deployedCharmRev: 1,
  queuedHook: null,
  error: null,
  running: null,
  consumedSecrets: {},
  removedSecretRevisions: {},
  ...patch,
});

const rel = (patch: Partial<RelationState> = {}): RelationState => ({
  id: 1,
  endpoint: 'db',
  members: {},
  appMembers: {},
  changedPending: null,
  ...patch,
});

const remoteRel = (patch: Partial<RemoteRelation> = {}): RemoteRelation => ({
  id: 1,
  endpoint: 'db',
  remoteApp: 'mysql',
  isPeer: false,
  life: 'alive',
  members: {},
  appMembers: { mysql: 0 },
  ...patch,
});

const remote = (patch: Partial<RemoteState> = {}, relations: RemoteRelation[] = []): RemoteState => ({
  life: 'alive',
  leader: false,
  leaderSettingsVersion: 0,
  configHash: 'h',
  charmRev: 1,
  forceCharmUpgrade: false,
  relations: new Map(relations.map((r) => [r.id, r])),
  actions: [],
  updateStatusVersion: 0,
  ...patch,
});

const describe = (hook: HookInfo | undefined): string =>
  hook === undefined ? 'none' : [hookName(hook), hook.remoteUnit ?? hook.remoteApp ?? ''].filter(Boolean).join(' ');

/** The hooks the resolver runs from `local` until it has nothing more, each as `show` puts it, and the state it ends in. */
function runToIdle(local: LocalState, rem: RemoteState, show: (hook: HookInfo) => string = describe): { seen: string[]; local: LocalState } {
  const seen: string[] = [];
  for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
    seen.push(show(hook));
    local = afterHook(local, hook);
  }
  return { seen, local };
}

/** A hook, with the unit that departs when one does. */
const withDeparting = (hook: HookInfo): string => `${describe(hook)}${hook.departingUnit ? ` (departing ${hook.departingUnit})` : ''}`;

t.test('unit hooks follow Juju priority order', async (t) => {
  const cases: Array<[string, LocalState, RemoteState, string]> = [
    ['fresh unit installs first', { unit: 'wordpress/0', operation: op({ installed: false, started: false, configHash: null, leaderSettingsVersion: -1 }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'install'],
    ['relation-created before leadership', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'db-relation-created mysql'],
    ['leader-elected before config-changed', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote({ leader: true }), 'leader-elected'],
    ['non-leader gets leader-settings-changed once', { unit: 'wordpress/0', operation: op({ started: false, configHash: null, leaderSettingsVersion: -1 }), relations: new Map() }, remote(), 'leader-settings-changed'],
    ['config-changed before start', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote(), 'config-changed'],
    ['start after config-changed', { unit: 'wordpress/0', operation: op({ started: false, queuedHook: 'start' }), relations: new Map() }, remote(), 'start'],
    ['queued start before relation-created and leadership', { unit: 'wordpress/0', operation: op({ started: false, queuedHook: 'start' }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'start'],
    ['queued start before another config change', { unit: 'wordpress/0', operation: op({ started: false, queuedHook: 'start', configHash: 'old' }), relations: new Map() }, remote(), 'start'],
    ['queued start before an upgrade', { unit: 'wordpress/0', operation: op({ started: false, queuedHook: 'start' }), relations: new Map() }, remote({ charmRev: 2 }), 'start'],
    ['queued start even when dying', { unit: 'wordpress/0', operation: op({ started: false, queuedHook: 'start' }), relations: new Map() }, remote({ life: 'dying' }), 'start'],
    ['config change after start', { unit: 'wordpress/0', operation: op({ configHash: 'old' }), relations: new Map() }, remote(), 'config-changed'],
    ['idle when caught up', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote(), 'none'],
    ['a new charm revision: upgrade-charm', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote({ charmRev: 2 }), 'upgrade-charm'],
    ['upgrade-charm after relation-created and leadership', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote({ charmRev: 2, leader: true }, [remoteRel()]), 'db-relation-created mysql'],
    ['upgrade-charm before a config change', { unit: 'wordpress/0', operation: op({ configHash: 'old' }), relations: new Map() }, remote({ charmRev: 2 }), 'upgrade-charm'],
    ['upgrade-charm before relation hooks', { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel()]]) }, remote({ charmRev: 2 }, [remoteRel({ members: { 'mysql/0': 1 } })]), 'upgrade-charm'],
    ['queued config-changed before relation-created and leadership', { unit: 'wordpress/0', operation: op({ queuedHook: 'config-changed' }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'config-changed'],
    ['queued config-changed even when dying', { unit: 'wordpress/0', operation: op({ queuedHook: 'config-changed' }), relations: new Map() }, remote({ life: 'dying' }), 'config-changed'],
    ['no upgrade while dying', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote({ life: 'dying', charmRev: 2 }), 'stop'],
    ['a refresh waits for an error to be resolved', { unit: 'wordpress/0', operation: op({ error: { hook: { kind: 'start' }, fired: false, message: 'x', retry: false } }), relations: new Map() }, remote({ charmRev: 2 }), 'none'],
    ['install deploys the current revision', { unit: 'wordpress/0', operation: op({ installed: false, started: false, charmRev: null }), relations: new Map() }, remote({ charmRev: 3 }), 'install'],
    ['nothing while in error', { unit: 'wordpress/0', operation: op({ installed: false, error: { hook: { kind: 'install' }, fired: false, message: 'x', retry: false } }), relations: new Map() }, remote(), 'none'],
  ];
  for (const [name, local, rem, want] of cases) t.equal(describe(nextHook(local, rem)), want, name);
});

t.test('relation hooks follow the relation state machine', async (t) => {
  const cases: Array<[string, RelationState, RemoteRelation | undefined, string]> = [
    ['joined for a new unit, sorted', rel(), remoteRel({ members: { 'mysql/1': 1, 'mysql/0': 1 } }), 'db-relation-joined mysql/0'],
    ['changed right after joined', rel({ members: { 'mysql/0': 1 }, changedPending: 'mysql/0' }), remoteRel({ members: { 'mysql/0': 1, 'mysql/1': 1 } }), 'db-relation-changed mysql/0'],
    ['changed on a version bump', rel({ members: { 'mysql/0': 1 } }), remoteRel({ members: { 'mysql/0': 2 } }), 'db-relation-changed mysql/0'],
    ['no hook when versions match', rel({ members: { 'mysql/0': 2 } }), remoteRel({ members: { 'mysql/0': 2 } }), 'none'],
    ['app-level changed before joins', rel(), remoteRel({ members: { 'mysql/0': 1 }, appMembers: { mysql: 1 } }), 'db-relation-changed mysql'],
    ['never-written app databag: no hook', rel({ members: { 'mysql/0': 1 } }), remoteRel({ members: { 'mysql/0': 1 }, appMembers: { mysql: 0 } }), 'none'],
    ['departed before anything else', rel({ members: { 'mysql/0': 1, 'mysql/1': 1 } }), remoteRel({ members: { 'mysql/1': 3 }, appMembers: { mysql: 4 } }), 'db-relation-departed mysql/0'],
    ['broken after all departed', rel(), remoteRel({ life: 'dying' }), 'db-relation-broken mysql'],
    ['departed before broken', rel({ members: { 'mysql/0': 1 } }), remoteRel({ life: 'dying', members: { 'mysql/0': 1 } }), 'db-relation-departed mysql/0'],
    ['peers never get broken', rel(), remoteRel({ life: 'dying', isPeer: true }), 'none'],
    ['removed relation breaks', rel(), undefined, 'db-relation-broken'],
  ];
  for (const [name, local, rem, want] of cases) t.equal(describe(nextRelationHook(local, rem)), want, name);
});

t.test('joined is always followed by changed for the same unit', async (t) => {
  const local: LocalState = { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel()]]) };
  const rem = remote({}, [remoteRel({ members: { 'mysql/0': 1, 'mysql/1': 1 } })]);
  t.same(runToIdle(local, rem).seen, [
    'db-relation-joined mysql/0',
    'db-relation-changed mysql/0',
    'db-relation-joined mysql/1',
    'db-relation-changed mysql/1',
  ]);
});

t.test('several bumps before the hook runs coalesce into one changed', async (t) => {
  let local: LocalState = { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel({ members: { 'mysql/0': 1 } })]]) };
  const rem = remote({}, [remoteRel({ members: { 'mysql/0': 4 } })]);
  const first = nextHook(local, rem)!;
  t.equal(describe(first), 'db-relation-changed mysql/0');
  local = afterHook(local, first);
  t.equal(nextHook(local, rem), undefined);
});

t.test('a deploy runs Juju\'s install sequence', async (t) => {
  const sequence = (leader: boolean): string[] => {
    const local: LocalState = {
      unit: 'app/0',
      operation: op({ installed: false, started: false, configHash: null, leaderSettingsVersion: -1 }),
      relations: new Map(),
    };
    const rem = remote({ leader }, [remoteRel({ id: 0, endpoint: 'peers', isPeer: true, remoteApp: 'app', appMembers: { app: 0 } })]);
    return runToIdle(local, rem, hookName).seen;
  };
  t.same(sequence(true), ['install', 'peers-relation-created', 'leader-elected', 'config-changed', 'start']);
  t.same(sequence(false), ['install', 'peers-relation-created', 'leader-settings-changed', 'config-changed', 'start']);
});

t.test('a relation, leadership and config that change between the first config-changed and start wait for start, as in Juju', async (t) => {
  // Juju's runHook Commit queues start after that config-changed; its created-relations,
  // leadership and relation resolvers run nothing while a hook is queued.
  const configChanged = nextHook({ unit: 'app/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote())!;
  const local = afterHook({ unit: 'app/0', operation: op({ started: false, configHash: null }), relations: new Map() }, configChanged);
  const rem = remote({ leader: true, configHash: 'new' }, [remoteRel({ members: { 'mysql/0': 1 } })]);
  t.same([describe(configChanged), ...runToIdle(local, rem).seen], [
    'config-changed',
    'start',
    'db-relation-created mysql',
    'leader-elected',
    'config-changed',
    'db-relation-joined mysql/0',
    'db-relation-changed mysql/0',
  ]);
});

t.test('a committed hook ends the queued hook and queues the next one', async (t) => {
  const cases: Array<[string, OperationState, HookInfo, string | null]> = [
    ['upgrade-charm queues config-changed', op(), { kind: 'upgrade-charm', charmRev: 2 }, 'config-changed'],
    ['the first config-changed queues start', op({ started: false, queuedHook: 'config-changed' }), { kind: 'config-changed', configHash: 'h' }, 'start'],
    ['config-changed of a started unit queues nothing', op({ queuedHook: 'config-changed' }), { kind: 'config-changed', configHash: 'h' }, null],
    ['start ends the queue', op({ started: false, queuedHook: 'start' }), { kind: 'start' }, null],
    ['any other hook queues nothing', op(), { kind: 'leader-settings-changed', version: 2 }, null],
  ];
  for (const [name, operation, hook, want] of cases) {
    t.equal(afterHook({ unit: 'app/0', operation, relations: new Map() }, hook).operation.queuedHook, want, name);
  }
});

t.test('a dying unit departs as itself, breaks non-peer relations, then stops and is removed', async (t) => {
  const local: LocalState = {
    unit: 'wordpress/0',
    operation: op(),
    relations: new Map([
      [1, rel({ members: { 'mysql/0': 1, 'mysql/1': 1 } })],
      [2, rel({ id: 2, endpoint: 'peers', members: { 'wordpress/1': 1 } })],
    ]),
  };
  const rem = remote({ life: 'dying' }, [
    remoteRel({ members: { 'mysql/0': 1, 'mysql/1': 1 } }),
    remoteRel({ id: 2, endpoint: 'peers', isPeer: true, remoteApp: 'wordpress', members: { 'wordpress/1': 1 } }),
  ]);
  t.same(runToIdle(local, rem, withDeparting).seen, [
    'db-relation-departed mysql/0 (departing wordpress/0)',
    'db-relation-departed mysql/1 (departing wordpress/0)',
    'db-relation-broken mysql',
    'peers-relation-departed wordpress/1 (departing wordpress/0)',
    'stop',
    'remove',
  ]);
});

t.test('peer relations come last, as in Juju 3.6, whatever their ids', async (t) => {
  // Deploy creates the peer relation, so it usually has the lowest id.
  const peers = { local: rel({ id: 0, endpoint: 'peers', members: { 'wordpress/1': 1 } }), remote: remoteRel({ id: 0, endpoint: 'peers', isPeer: true, remoteApp: 'wordpress', members: { 'wordpress/1': 1 } }) };
  const sequence = (local: LocalState, rem: RemoteState): string[] => runToIdle(local, rem).seen;
  const dying = sequence(
    { unit: 'wordpress/0', operation: op(), relations: new Map([[0, peers.local], [1, rel({ members: { 'mysql/0': 1 } })]]) },
    remote({ life: 'dying' }, [peers.remote, remoteRel({ members: { 'mysql/0': 1 } })]),
  );
  t.same(dying, ['db-relation-departed mysql/0', 'db-relation-broken mysql', 'peers-relation-departed wordpress/1', 'stop', 'remove'], 'a leaving unit');
  const alive = sequence(
    { unit: 'wordpress/0', operation: op(), relations: new Map([[0, peers.local], [1, rel({ members: { 'mysql/0': 1 } })]]) },
    remote({}, [{ ...peers.remote, members: { 'wordpress/1': 2 } }, remoteRel({ members: { 'mysql/0': 2 } })]),
  );
  t.same(alive, ['db-relation-changed mysql/0', 'peers-relation-changed wordpress/1'], 'a unit catching up');
});

t.test('a removed relation departs each remote unit as itself, then breaks', async (t) => {
  const local: LocalState = { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel({ members: { 'mysql/0': 1 } })]]) };
  const rem = remote({}, [remoteRel({ life: 'dying', members: { 'mysql/0': 1 } })]);
  t.same(runToIdle(local, rem, withDeparting).seen, ['db-relation-departed mysql/0 (departing mysql/0)', 'db-relation-broken mysql']);
});

t.test('a refresh runs upgrade-charm, then config-changed, then the pending relation hooks', async (t) => {
  const sequence = (started: boolean): string[] => {
    const local: LocalState = { unit: 'wordpress/0', operation: op({ started, leader: true }), relations: new Map([[1, rel()]]) };
    const rem = remote({ charmRev: 2, leader: true }, [remoteRel({ members: { 'mysql/0': 1 } })]);
    const run = runToIdle(local, rem);
    t.equal(run.local.operation.charmRev, 2);
    return run.seen;
  };
  t.same(sequence(true), ['upgrade-charm', 'config-changed', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
  t.same(sequence(false), ['upgrade-charm', 'config-changed', 'start', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
});

t.test('after a refresh a non-leader runs leader-settings-changed, once the queued hooks are done', async (t) => {
  // Juju restarts its resolver loop after deploying the upgrade, with a new remote-state watcher
  // and a new local state (uniter.go, resolver.ErrRestart): the leader-settings version is caught
  // up with afresh, after the queued upgrade-charm and config-changed (leadership/resolver.go
  // waits while a hook is queued), before the relation hooks.
  const sequence = (leader: boolean): string[] => {
    const local: LocalState = { unit: 'wordpress/1', operation: op({ leader, leaderSettingsVersion: 3 }), relations: new Map([[1, rel()]]) };
    const rem = remote({ charmRev: 2, leader, leaderSettingsVersion: 3 }, [remoteRel({ members: { 'mysql/0': 1 } })]);
    return runToIdle(local, rem).seen;
  };
  t.same(sequence(false), ['upgrade-charm', 'config-changed', 'leader-settings-changed', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
  t.same(sequence(true), ['upgrade-charm', 'config-changed', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0'], 'the leader runs none');
});

t.test('install records the charm revision it deployed, so no upgrade follows', async (t) => {
  const local: LocalState = { unit: 'app/0', operation: op({ installed: false, started: false, configHash: null, charmRev: null }), relations: new Map() };
  const rem = remote({ charmRev: 4, leader: true });
  t.same(runToIdle(local, rem, hookName).seen, ['install', 'leader-elected', 'config-changed', 'start']);
});

const describeOp = (op: Operation | undefined): string => {
  if (op === undefined) return 'none';
  const request = (id?: number): string => (id === undefined ? '' : ` (request ${id})`);
  switch (op.kind) {
    case 'deploy':
      return `deploy ${op.charmRev} for ${hookName(op.hook)}`;
    case 'run-hook':
      return `${op.fired ? 'fired ' : ''}${describe(op.hook)}${request(op.request)}`;
    case 'run-action':
      return `action ${op.action.id} ${op.action.name}`;
    default:
      return op.kind;
  }
};

const backup: PendingAction = { id: 7, name: 'backup' };
const failedChanged: HookInfo = { kind: 'relation-changed', relationId: 1, endpoint: 'db', remoteUnit: 'mysql/0', remoteApp: 'mysql' };
const hookError = (patch: Partial<HookError> = {}): HookError => ({ hook: failedChanged, fired: false, message: 'hook failed', retry: false, ...patch });
const fire = (id: number, hook: HookInfo): UserRequest => ({ id, kind: 'fire', hook });
const jujuExec: PendingAction = { id: 9, name: 'juju-exec' };
const unit = (operation: OperationState, relations: RelationState[] = []): LocalState => ({
  unit: 'wordpress/0',
  operation,
  relations: new Map(relations.map((r) => [r.id, r])),
});
const fresh = op({ installed: false, started: false, configHash: null, leaderSettingsVersion: -1, charmRev: null, deployedCharmRev: null });
const joining = { local: [rel()], remote: [remoteRel({ members: { 'mysql/0': 1 } })] };

t.test('the next operation follows Juju\'s uniter resolver', async (t) => {
  const cases: Array<[string, LocalState, RemoteState, UserRequest[], string]> = [
    // User requests first, in the order they came: juju-sim's `fire`. `exec` is an action
    // (juju-exec), queued and run as the others are.
    ['a fired hook runs before the next hook', unit(fresh), remote(), [fire(1, { kind: 'config-changed' })], 'fired config-changed (request 1)'],
    ['requests run in the order they came', unit(op()), remote(), [fire(1, { kind: 'stop' }), fire(2, { kind: 'start' })], 'fired stop (request 1)'],
    ['a request runs before a queued action', unit(op()), remote({ actions: [backup] }), [fire(3, { kind: 'start' })], 'fired start (request 3)'],
    ['a juju-exec task runs while the unit is in error', unit(op({ error: hookError() })), remote({ actions: [jujuExec] }), [], 'action 9 juju-exec'],

    // In a hook error, queued actions still run (actions/resolver.go); otherwise the unit waits
    // until resolve asks for the hook again (resolver.go nextOpHookError).
    ['in error: nothing runs', unit(op({ error: hookError() })), remote({ configHash: 'new' }), [], 'none'],
    ['in error: a queued action still runs', unit(op({ error: hookError() })), remote({ actions: [backup] }), [], 'action 7 backup'],
    ['in error: resolve retries the failed hook', unit(op({ error: hookError({ retry: true }) })), remote(), [], 'db-relation-changed mysql/0'],
    ['in error: a fired hook is retried as fired', unit(op({ error: hookError({ hook: { kind: 'start' }, fired: true, retry: true }) })), remote(), [], 'fired start'],
    ['in error: a queued action runs before the retry', unit(op({ error: hookError({ retry: true }) })), remote({ actions: [backup] }), [], 'action 7 backup'],
    [
      'in error: resolving a conflicted upgrade deploys it again',
      unit(op({ error: hookError({ hook: { kind: 'upgrade-charm', charmRev: 2 }, conflicted: true, retry: true }) })),
      remote({ charmRev: 2 }),
      [],
      'deploy 2 for upgrade-charm',
    ],
    [
      'in error: a failed upgrade-charm is retried without deploying again',
      unit(op({ deployedCharmRev: 2, error: hookError({ hook: { kind: 'upgrade-charm', charmRev: 2 }, retry: true }) })),
      remote({ charmRev: 2 }),
      [],
      'upgrade-charm',
    ],
    // refresh --force-units: a unit in a hook error is upgraded all the same, and its failed hook
    // stays the one to retry (resolver.go nextOpHookError, operation/deploy.go); without it, the
    // unit waits for resolve.
    ['in error: a refresh waits', unit(op({ error: hookError() })), remote({ charmRev: 2 }), [], 'none'],
    ['in error: a forced refresh is deployed', unit(op({ error: hookError() })), remote({ charmRev: 2, forceCharmUpgrade: true }), [], 'deploy 2 for db-relation-changed'],
    ['in error: a queued action runs before a forced refresh', unit(op({ error: hookError() })), remote({ charmRev: 2, forceCharmUpgrade: true, actions: [backup] }), [], 'action 7 backup'],
    [
      'in error: once a forced refresh is deployed, the unit waits for resolve',
      unit(op({ charmRev: 2, deployedCharmRev: 2, error: hookError() })),
      remote({ charmRev: 2, forceCharmUpgrade: true }),
      [],
      'none',
    ],
    [
      'in error: a conflicted upgrade is left to resolve',
      unit(op({ error: hookError({ hook: { kind: 'upgrade-charm', charmRev: 2 }, conflicted: true }) })),
      remote({ charmRev: 3, forceCharmUpgrade: true }),
      [],
      'none',
    ],
    ['forced or not, a refresh of a unit not in error runs upgrade-charm', unit(op()), remote({ charmRev: 2, forceCharmUpgrade: true }), [], 'deploy 2 for upgrade-charm'],
    ['in error: a dying unit does not terminate', unit(op({ started: false, installed: false, error: hookError() })), remote({ life: 'dying' }), [], 'none'],

    // Lost leadership is resigned; only the unit's own record changes (leadership/resolver.go).
    ['lost leadership is resigned', unit(op({ leader: true })), remote(), [], 'resign-leadership'],
    ['a leader that stays leader has nothing to do', unit(op({ leader: true })), remote({ leader: true }), [], 'none'],
    ['a dying leader resigns', unit(op({ leader: true })), remote({ leader: true, life: 'dying' }), [], 'resign-leadership'],
    ['a dying unit does not accept leadership', unit(op()), remote({ leader: true, life: 'dying' }), [], 'stop'],

    // install and upgrade-charm run once their charm is deployed; the deploy's commit queues
    // them (operation/deploy.go), so a deployed upgrade runs before actions.
    ['install deploys its charm first', unit(fresh), remote(), [], 'deploy 1 for install'],
    ['install runs once its charm is deployed', unit({ ...fresh, deployedCharmRev: 1 }), remote(), [], 'install'],
    ['an upgrade deploys the new revision first', unit(op()), remote({ charmRev: 2 }), [], 'deploy 2 for upgrade-charm'],
    ['upgrade-charm runs once deployed', unit(op({ deployedCharmRev: 2 })), remote({ charmRev: 2 }), [], 'upgrade-charm'],
    ['a deployed upgrade-charm runs before an action', unit(op({ deployedCharmRev: 2 })), remote({ charmRev: 2, actions: [backup] }), [], 'upgrade-charm'],

    // Actions run between hooks, after the hooks Juju's resolvers put first or queue
    // (actions/resolver.go: no action while a hook is queued).
    ['an action waits for install', unit({ ...fresh, deployedCharmRev: 1 }), remote({ actions: [backup] }), [], 'install'],
    ['an action waits for relation-created', unit(op()), remote({ actions: [backup] }, [remoteRel()]), [], 'db-relation-created mysql'],
    ['an action waits for leader-elected', unit(op()), remote({ leader: true, actions: [backup] }), [], 'leader-elected'],
    ['an action waits for leader-settings-changed', unit(op()), remote({ leaderSettingsVersion: 3, actions: [backup] }), [], 'leader-settings-changed'],
    ['an action waits for the start queued after config-changed', unit(op({ started: false, queuedHook: 'start' })), remote({ actions: [backup] }), [], 'start'],
    [
      'an action waits for the config-changed queued after upgrade-charm',
      unit(op({ queuedHook: 'config-changed' })),
      remote({ configHash: 'new', actions: [backup] }),
      [],
      'config-changed',
    ],
    ['an action runs before a config change', unit(op()), remote({ configHash: 'new', actions: [backup] }), [], 'action 7 backup'],
    ['an action runs before an upgrade is deployed', unit(op()), remote({ charmRev: 2, actions: [backup] }), [], 'action 7 backup'],
    ['an action runs before relation hooks', unit(op(), joining.local), remote({ actions: [backup] }, joining.remote), [], 'action 7 backup'],
    ['actions run oldest first', unit(op()), remote({ actions: [backup, { id: 9, name: 'restore' }] }), [], 'action 7 backup'],
    ['idle when caught up', unit(op()), remote(), [], 'none'],

    // A dying unit departs its relations, stops and is removed, then terminates (resolver.go nextOp).
    ['a dying unit departs first', unit(op(), [rel({ members: { 'mysql/0': 1 } })]), remote({ life: 'dying' }, joining.remote), [], 'db-relation-departed mysql/0'],
    ['a dying unit stops', unit(op()), remote({ life: 'dying' }), [], 'stop'],
    ['a dying unit with nothing left terminates', unit(op({ started: false, installed: false })), remote({ life: 'dying' }), [], 'terminate'],
    // update-status runs when nothing else needs to, for a tick of the timer no hook has caught
    // up with (resolver.go nextOp); never in error (nextOpHookError), nor on a dying unit.
    ['a tick: update-status', unit(op()), remote({ updateStatusVersion: 1 }), [], 'update-status'],
    ['a tick the hooks caught up with: nothing', { ...unit(op()), updateStatusVersion: 1 }, remote({ updateStatusVersion: 1 }), [], 'none'],
    ['update-status waits for relation hooks', unit(op(), joining.local), remote({ updateStatusVersion: 1 }, joining.remote), [], 'db-relation-joined mysql/0'],
    ['update-status waits for a config change', unit(op()), remote({ configHash: 'new', updateStatusVersion: 1 }), [], 'config-changed'],
    ['update-status waits for start', unit(op({ started: false, queuedHook: 'start' })), remote({ updateStatusVersion: 1 }), [], 'start'],
    ['an action runs before update-status', unit(op()), remote({ actions: [backup], updateStatusVersion: 1 }), [], 'action 7 backup'],
    ['in error: no update-status', unit(op({ error: hookError() })), remote({ updateStatusVersion: 1 }), [], 'none'],
    ['dying: no update-status', unit(op({ started: false, installed: false })), remote({ life: 'dying', updateStatusVersion: 1 }), [], 'terminate'],
    ['a dying unit runs its queued actions before it terminates', unit(op({ started: false, installed: false })), remote({ life: 'dying', actions: [backup] }), [], 'action 7 backup'],
  ];
  for (const [name, local, rem, requests, want] of cases) t.equal(describeOp(nextOperation(local, rem, requests)), want, name);
});

/** Runs the resolver to idle, committing each operation as the executor would. */
function operations(local: LocalState, rem: RemoteState): string[] {
  const seen: string[] = [];
  for (let next = nextOperation(local, rem, []); next && next.kind !== 'terminate'; next = nextOperation(local, rem, [])) {
    seen.push(describeOp(next));
    if (next.kind === 'deploy') local = { ...local, operation: { ...local.operation, deployedCharmRev: next.charmRev } };
    if (next.kind === 'run-hook') local = afterHook(local, next.hook);
    if (next.kind === 'resign-leadership') local = { ...local, operation: { ...local.operation, leader: false } };
    if (next.kind === 'run-action') rem = { ...rem, actions: rem.actions.filter((a) => a.id !== next.action.id) };
  }
  return seen;
}

t.test('an action queued at deploy runs after the hooks Juju runs first, before config-changed', async (t) => {
  t.same(operations(unit(fresh), remote({ leader: true, actions: [backup] })), [
    'deploy 1 for install',
    'install',
    'leader-elected',
    'action 7 backup',
    'config-changed',
    'start',
  ]);
});

t.test('a forced refresh of a unit whose install failed retries install on the new charm', async (t) => {
  const failed = unit({ ...fresh, deployedCharmRev: 1, error: hookError({ hook: { kind: 'install', charmRev: 1 } }) });
  t.match(nextOperation(failed, remote({ charmRev: 2, forceCharmUpgrade: true }), []), {
    kind: 'deploy',
    charmRev: 2,
    hook: { kind: 'install', charmRev: 2 },
  });
});

t.test('leadership moves: the new leader runs leader-elected, the deposed one leader-settings-changed, the others nothing', async (t) => {
  // Juju's leader-elected records no leader-settings version, so a unit that led since its start
  // is behind once deposed; a unit that followed all along is not.
  let leader = unit(fresh);
  let follower = unit(fresh);
  const settings = remote({ leaderSettingsVersion: 2 });
  t.same(operations(leader, { ...settings, leader: true }).slice(1, 3), ['install', 'leader-elected']);
  t.same(operations(follower, settings).slice(1, 3), ['install', 'leader-settings-changed']);
  leader = unit(op({ leader: true, leaderSettingsVersion: -1 }));
  follower = unit(op({ leaderSettingsVersion: 2 }));
  t.same(operations(leader, settings), ['resign-leadership', 'leader-settings-changed'], 'the deposed leader');
  t.same(operations(follower, { ...settings, leader: true }), ['leader-elected'], 'the new leader');
  t.same(operations(unit(op({ leaderSettingsVersion: 2 })), settings), [], 'another follower');
  t.same(operations(unit(op({ leader: true, leaderSettingsVersion: 2 })), settings), ['resign-leadership'], 'a deposed leader that followed before, with no leader-set since');
});

t.test('a refresh deploys, then runs upgrade-charm and config-changed; a queued action runs first', async (t) => {
  // A non-leader then catches up with the leader settings afresh, as after any restart of Juju's resolver loop.
  t.same(operations(unit(op()), remote({ charmRev: 2 })), ['deploy 2 for upgrade-charm', 'upgrade-charm', 'config-changed', 'leader-settings-changed']);
  t.same(operations(unit(op()), remote({ charmRev: 2, actions: [backup] })), [
    'action 7 backup',
    'deploy 2 for upgrade-charm',
    'upgrade-charm',
    'config-changed',
    'leader-settings-changed',
  ]);
});

const uriA = 'secret:9m4e2mr0ui3e8a215n4g';
const uriB = 'secret:cj4v2mr0ui3e8a215n4g';
const secretNews = (patch: Partial<NonNullable<RemoteState['secrets']>> = {}): NonNullable<RemoteState['secrets']> => ({
  consumed: {},
  obsolete: {},
  rotations: [],
  expiries: [],
  ...patch,
});
const describeSecret = (hook: HookInfo | undefined): string =>
  hook === undefined ? 'none' : [hookName(hook), hook.secretURI, hook.secretRevision, hook.secretLabel].filter((x) => x !== undefined && x !== '').join(' ');

t.test('secret hooks follow Juju\'s secrets resolver (worker/uniter/secrets/resolver.go)', async (t) => {
  const all = secretNews({
    expiries: [{ uri: uriA, revision: 2 }],
    rotations: [uriB],
    consumed: { [uriA]: { revision: 3, label: 'db' } },
    obsolete: { [uriB]: [1, 2] },
  });
  const cases: Array<[string, OperationState, NonNullable<RemoteState['secrets']>, string]> = [
    ['an expired revision first', op(), all, `secret-expired ${uriA} 2`],
    ['then a due rotation', op(), { ...all, expiries: [] }, `secret-rotate ${uriB}`],
    ['then a new revision of a consumed secret, with the consumer label', op(), { ...all, expiries: [], rotations: [] }, `secret-changed ${uriA} 3 db`],
    ['a revision the unit has caught up with runs nothing', op({ consumedSecrets: { [uriA]: 3 } }), secretNews({ consumed: { [uriA]: { revision: 3, label: '' } } }), 'none'],
    ['an older tracked revision runs secret-changed for the latest', op({ consumedSecrets: { [uriA]: 2 } }), secretNews({ consumed: { [uriA]: { revision: 3, label: '' } } }), `secret-changed ${uriA} 3`],
    ['consumed secrets in URI order', op(), secretNews({ consumed: { [uriB]: { revision: 2, label: '' }, [uriA]: { revision: 2, label: '' } } }), `secret-changed ${uriA} 2`],
    ['then the obsolete revisions, lowest first', op(), secretNews({ obsolete: { [uriB]: [1, 2] } }), `secret-remove ${uriB} 1`],
    ['a revision handed to secret-remove is not handed again', op({ removedSecretRevisions: { [uriB]: [1] } }), secretNews({ obsolete: { [uriB]: [1, 2] } }), `secret-remove ${uriB} 2`],
    ['nothing new: nothing', op({ removedSecretRevisions: { [uriB]: [1, 2] } }), secretNews({ obsolete: { [uriB]: [1, 2] } }), 'none'],
  ];
  for (const [name, operation, secrets, want] of cases) t.equal(describeSecret(nextSecretHook(operation, secrets)), want, name);
});

t.test('secret hooks come after relation-created and leadership, before the other hooks and actions', async (t) => {
  const news = secretNews({ rotations: [uriA] });
  const cases: Array<[string, OperationState, Partial<RemoteState>, RemoteRelation[], string]> = [
    ['not before install', op({ installed: false, started: false }), {}, [], 'install'],
    ['not while a start is queued', op({ started: false, queuedHook: 'start' }), {}, [], 'start'],
    ['not while a config-changed is queued', op({ queuedHook: 'config-changed' }), {}, [], 'config-changed'],
    ['not on a dying unit', op(), { life: 'dying' }, [], 'stop'],
    ['after relation-created', op(), {}, [remoteRel()], 'db-relation-created mysql'],
    ['after leader-elected', op(), { leader: true }, [], 'leader-elected'],
    ['after leader-settings-changed', op({ leaderSettingsVersion: 1 }), { leaderSettingsVersion: 2 }, [], 'leader-settings-changed'],
    ['before upgrade-charm', op(), { charmRev: 2 }, [], 'secret-rotate'],
    ['before config-changed', op({ configHash: 'old' }), {}, [], 'secret-rotate'],
    ['before update-status', op(), { updateStatusVersion: 1 }, [], 'secret-rotate'],
  ];
  for (const [name, operation, patch, relations, want] of cases) {
    t.equal(describe(nextHook(unit(operation), remote({ ...patch, secrets: news }, relations))), want, name);
  }
  const joined = nextHook(unit(op(), [rel()]), remote({ secrets: news }, [remoteRel({ members: { 'mysql/0': 1 } })]));
  t.equal(describe(joined), 'secret-rotate', 'before relation-joined');
  const first = nextOperation(unit(op()), remote({ secrets: news, actions: [backup] }), []);
  t.equal(first?.kind === 'run-hook' && first.hook.kind, 'secret-rotate', 'before a queued action, as Juju\'s secrets resolver precedes its actions resolver');
});

t.test('a committed secret-changed or secret-remove is tracked, as Juju\'s secrets state is', async (t) => {
  let local = unit(op());
  local = afterHook(local, { kind: 'secret-changed', secretURI: uriA, secretRevision: 2 });
  local = afterHook(local, { kind: 'secret-changed', secretURI: uriA, secretRevision: 3 });
  local = afterHook(local, { kind: 'secret-remove', secretURI: uriB, secretRevision: 2 });
  local = afterHook(local, { kind: 'secret-remove', secretURI: uriB, secretRevision: 1 });
  local = afterHook(local, { kind: 'secret-remove', secretURI: uriB, secretRevision: 2 });
  t.same(local.operation.consumedSecrets, { [uriA]: 3 });
  t.same(local.operation.removedSecretRevisions, { [uriB]: [1, 2] });
  local = afterHook(local, { kind: 'secret-rotate', secretURI: uriA });
  t.same(local.operation.consumedSecrets, { [uriA]: 3 }, 'a rotation leaves the tracker as it was');
});
