// What a hook is, in the unit agent's terms (Juju's hook.Info): a kind plus, for relation
// hooks, the relation and the remote unit or application it is about.

export const relationHookKinds = [
  'relation-created',
  'relation-joined',
  'relation-changed',
  'relation-departed',
  'relation-broken',
] as const;

export const unitHookKinds = [
  'install',
  'leader-elected',
  'leader-settings-changed',
  'config-changed',
  'start',
  'upgrade-charm',
  'update-status',
  'stop',
  'remove',
] as const;

/** The hooks about one secret (JUJU_SECRET_ID): Juju's hooks.SecretChanged and the rest. */
export const secretHookKinds = ['secret-changed', 'secret-expired', 'secret-remove', 'secret-rotate'] as const;

export type RelationHookKind = (typeof relationHookKinds)[number];
export type SecretHookKind = (typeof secretHookKinds)[number];
export type HookKind = (typeof unitHookKinds)[number] | RelationHookKind | SecretHookKind;

export interface HookInfo {
  kind: HookKind;
  relationId?: number;
  /** The local endpoint of the relation. */
  endpoint?: string;
  /** JUJU_REMOTE_UNIT: set for joined, changed (unit-level) and departed. */
  remoteUnit?: string;
  /** JUJU_REMOTE_APP: set for every relation hook. */
  remoteApp?: string;
  /** JUJU_DEPARTING_UNIT, for departed. */
  departingUnit?: string;
  /** The remote settings version (or leader-settings version) this hook catches up with. */
  version?: number;
  /** The config hash a config-changed catches up with. */
  configHash?: string;
  /** The charm revision an install or upgrade-charm deploys. */
  charmRev?: number;
  /** JUJU_SECRET_ID, for the secret hooks. */
  secretURI?: string;
  /** JUJU_SECRET_LABEL: the consumer's label, for secret-changed. */
  secretLabel?: string;
  /**
   * The revision the hook is about: the new one (secret-changed, which tracks it but gets no
   * JUJU_SECRET_REVISION), or the one to remove or that expired (JUJU_SECRET_REVISION).
   */
  secretRevision?: number;
}

export const isSecretHook = (kind: HookKind): kind is SecretHookKind => (secretHookKinds as readonly string[]).includes(kind);

export const isRelationHook = (kind: HookKind): kind is RelationHookKind =>
  (relationHookKinds as readonly string[]).includes(kind);

/** The name Juju gives the hook: `install`, `db-relation-changed`, … */
export function hookName(hook: HookInfo): string {
  return isRelationHook(hook.kind) ? `${hook.endpoint}-${hook.kind}` : hook.kind;
}

/** Parses a hook name against a charm's endpoints; undefined when it names no hook. */
export function parseHookName(name: string, endpoints: string[]): { kind: HookKind; endpoint?: string } | undefined {
  if ((unitHookKinds as readonly string[]).includes(name) || isSecretHook(name as HookKind)) return { kind: name as HookKind };
  for (const kind of relationHookKinds) {
    const suffix = `-${kind}`;
    if (name.endsWith(suffix)) {
      const endpoint = name.slice(0, -suffix.length);
      if (endpoints.includes(endpoint)) return { kind, endpoint };
    }
  }
  return undefined;
}
