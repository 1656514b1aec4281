// The hook scheduler's choices, as tables: local state + remote state → next hook.
import t from 'tap';
import { afterHook, nextHook, nextRelationHook, type LocalState, type RemoteRelation, type RemoteState } from '../../../agent/uniter/resolver.js';
import { hookName, type HookInfo } from '../../../agent/uniter/hook.js';
import type { OperationState, RelationState } from '../../../agent/uniter/state.js';

const op = (patch: Partial<OperationState> = {}): OperationState => ({
  installed: true,
  started: true,
  leader: false,
  configHash: 'h',
  leaderSettingsVersion: 0,
  charmRev: 1,
  configChangedQueued: false,
  error: null,
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
  relations: new Map(relations.map((r) => [r.id, r])),
  ...patch,
});

const describe = (hook: HookInfo | undefined): string =>
  hook === undefined ? 'none' : [hookName(hook), hook.remoteUnit ?? hook.remoteApp ?? ''].filter(Boolean).join(' ');

t.test('unit hooks follow Juju priority order', async (t) => {
  const cases: Array<[string, LocalState, RemoteState, string]> = [
    ['fresh unit installs first', { unit: 'wordpress/0', operation: op({ installed: false, started: false, configHash: null, leaderSettingsVersion: -1 }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'install'],
    ['relation-created before leadership', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'db-relation-created mysql'],
    ['leader-elected before config-changed', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote({ leader: true }), 'leader-elected'],
    ['non-leader gets leader-settings-changed once', { unit: 'wordpress/0', operation: op({ started: false, configHash: null, leaderSettingsVersion: -1 }), relations: new Map() }, remote(), 'leader-settings-changed'],
    ['config-changed before start', { unit: 'wordpress/0', operation: op({ started: false, configHash: null }), relations: new Map() }, remote(), 'config-changed'],
    ['start after config-changed', { unit: 'wordpress/0', operation: op({ started: false }), relations: new Map() }, remote(), 'start'],
    ['config change after start', { unit: 'wordpress/0', operation: op({ configHash: 'old' }), relations: new Map() }, remote(), 'config-changed'],
    ['idle when caught up', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote(), 'none'],
    ['a new charm revision: upgrade-charm', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote({ charmRev: 2 }), 'upgrade-charm'],
    ['upgrade-charm after relation-created and leadership', { unit: 'wordpress/0', operation: op(), relations: new Map() }, remote({ charmRev: 2, leader: true }, [remoteRel()]), 'db-relation-created mysql'],
    ['upgrade-charm before a config change', { unit: 'wordpress/0', operation: op({ configHash: 'old' }), relations: new Map() }, remote({ charmRev: 2 }), 'upgrade-charm'],
    ['upgrade-charm before relation hooks', { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel()]]) }, remote({ charmRev: 2 }, [remoteRel({ members: { 'mysql/0': 1 } })]), 'upgrade-charm'],
    ['queued config-changed before relation-created and leadership', { unit: 'wordpress/0', operation: op({ configChangedQueued: true }), relations: new Map() }, remote({ leader: true }, [remoteRel()]), 'config-changed'],
    ['queued config-changed even when dying', { unit: 'wordpress/0', operation: op({ configChangedQueued: true }), relations: new Map() }, remote({ life: 'dying' }), 'config-changed'],
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
  let local: LocalState = { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel()]]) };
  const rem = remote({}, [remoteRel({ members: { 'mysql/0': 1, 'mysql/1': 1 } })]);
  const seen: string[] = [];
  for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
    seen.push(describe(hook));
    local = afterHook(local, hook);
  }
  t.same(seen, [
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
    let local: LocalState = {
      unit: 'app/0',
      operation: op({ installed: false, started: false, configHash: null, leaderSettingsVersion: -1 }),
      relations: new Map(),
    };
    const rem = remote({ leader }, [remoteRel({ id: 0, endpoint: 'peers', isPeer: true, remoteApp: 'app', appMembers: { app: 0 } })]);
    const seen: string[] = [];
    for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
      seen.push(hookName(hook));
      local = afterHook(local, hook);
    }
    return seen;
  };
  t.same(sequence(true), ['install', 'peers-relation-created', 'leader-elected', 'config-changed', 'start']);
  t.same(sequence(false), ['install', 'peers-relation-created', 'leader-settings-changed', 'config-changed', 'start']);
});

t.test('a dying unit departs as itself, breaks non-peer relations, then stops and is removed', async (t) => {
  let local: LocalState = {
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
  const seen: string[] = [];
  for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
    seen.push(`${describe(hook)}${hook.departingUnit ? ` (departing ${hook.departingUnit})` : ''}`);
    local = afterHook(local, hook);
  }
  t.same(seen, [
    'db-relation-departed mysql/0 (departing wordpress/0)',
    'db-relation-departed mysql/1 (departing wordpress/0)',
    'db-relation-broken mysql',
    'peers-relation-departed wordpress/1 (departing wordpress/0)',
    'stop',
    'remove',
  ]);
});

t.test('a removed relation departs each remote unit as itself, then breaks', async (t) => {
  let local: LocalState = { unit: 'wordpress/0', operation: op(), relations: new Map([[1, rel({ members: { 'mysql/0': 1 } })]]) };
  const rem = remote({}, [remoteRel({ life: 'dying', members: { 'mysql/0': 1 } })]);
  const seen: string[] = [];
  for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
    seen.push(`${describe(hook)}${hook.departingUnit ? ` (departing ${hook.departingUnit})` : ''}`);
    local = afterHook(local, hook);
  }
  t.same(seen, ['db-relation-departed mysql/0 (departing mysql/0)', 'db-relation-broken mysql']);
});

t.test('a refresh runs upgrade-charm, then config-changed, then the pending relation hooks', async (t) => {
  const sequence = (started: boolean): string[] => {
    let local: LocalState = { unit: 'wordpress/0', operation: op({ started }), relations: new Map([[1, rel()]]) };
    const rem = remote({ charmRev: 2 }, [remoteRel({ members: { 'mysql/0': 1 } })]);
    const seen: string[] = [];
    for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
      seen.push(describe(hook));
      local = afterHook(local, hook);
    }
    t.equal(local.operation.charmRev, 2);
    return seen;
  };
  t.same(sequence(true), ['upgrade-charm', 'config-changed', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
  t.same(sequence(false), ['upgrade-charm', 'config-changed', 'start', 'db-relation-joined mysql/0', 'db-relation-changed mysql/0']);
});

t.test('install records the charm revision it deployed, so no upgrade follows', async (t) => {
  let local: LocalState = { unit: 'app/0', operation: op({ installed: false, started: false, configHash: null, charmRev: null }), relations: new Map() };
  const rem = remote({ charmRev: 4, leader: true });
  const seen: string[] = [];
  for (let hook = nextHook(local, rem); hook; hook = nextHook(local, rem)) {
    seen.push(hookName(hook));
    local = afterHook(local, hook);
  }
  t.same(seen, ['install', 'leader-elected', 'config-changed', 'start']);
});
