// ContextRelations and ContextRelationHook with the databag rules of the real context
// (agent/context): the unit's own databag, and on the leader its application's, are views with
// this hook's writes buffered over them, made once per relation and context; every other
// databag is read from the controller as the relation cache answers it: a unit of either side,
// and the remote application's, which on a peer relation is the own one (so a non-leader reads
// it there, and nowhere else). A tool that only picks a relation (-r) needs no databags.

import {
  type ContextLeadership,
  type ContextRelation,
  type ContextRelationHook,
  type ContextRelations,
  type Settings,
} from '../../../core/hook-context.js';
import { JujuSimError, NotFoundError } from '../../../core/errors.js';

export interface FakeRelationSpec {
  id: number;
  endpoint: string;
  /** The application on the other side; for a peer relation, the unit's own application. */
  remoteApp: string;
  /** This model's UUID unless the relation crosses models. */
  remoteModelUUID?: string;
  peer?: boolean;
  /** Remote units in scope, as relation-list shows them. */
  members?: string[];
  /** Dead relations are tracked but not listed by relationIds(). */
  dead?: boolean;
  /** Databags as the controller holds them, keyed by unit or application name. */
  bags?: Record<string, Record<string, string>>;
}

export interface FakeRelationsSpec {
  /** The unit whose context this is; the databags need it to tell their own from others. */
  unit?: string;
  /** Asked before the own application databag is handed out; a non-leader by default. */
  isLeader?: ContextLeadership['isLeader'];
  /** The relation of the running relation hook. */
  hookRelation?: number;
  /** JUJU_REMOTE_UNIT. */
  remoteUnit?: string;
  /** JUJU_REMOTE_APP. */
  remoteApp?: string;
}

export interface FakeRelations extends ContextRelations, ContextRelationHook {
  /** The writes buffered in one relation's own databags, deletions as ''. */
  pending(id: number): { unit: Record<string, string>; app: Record<string, string> };
}

export const MODEL_UUID = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

/** A databag view with this hook's writes buffered over it. */
class FakeSettings implements Settings {
  /** Buffered writes; '' marks a deletion, as the commit sends it. */
  readonly pending = new Map<string, string>();

  constructor(private readonly base: Record<string, string>) {}

  map(): Record<string, string> {
    const view: Record<string, string> = { ...this.base };
    for (const [key, value] of this.pending) {
      if (value === '') delete view[key];
      else view[key] = value;
    }
    return view;
  }

  set(key: string, value: string): void {
    this.pending.set(key, value);
  }

  delete(key: string): void {
    this.pending.set(key, '');
  }
}

class FakeRelation implements ContextRelation {
  ownSettings?: FakeSettings;
  ownAppSettings?: FakeSettings;

  constructor(
    readonly spec: FakeRelationSpec,
    private readonly context: FakeRelationsSpec,
  ) {}

  id(): number {
    return this.spec.id;
  }

  name(): string {
    return this.spec.endpoint;
  }

  fakeId(): string {
    return `${this.spec.endpoint}:${this.spec.id}`;
  }

  unitNames(): string[] {
    return [...(this.spec.members ?? [])].sort();
  }

  remoteApplicationName(): string {
    return this.spec.remoteApp;
  }

  isPeer(): boolean {
    return this.spec.peer ?? false;
  }

  settings(): Settings {
    this.ownSettings ??= new FakeSettings(this.bag(this.unit()) ?? {});
    return this.ownSettings;
  }

  applicationSettings(): Settings {
    if (!(this.context.isLeader?.() ?? false)) throw new JujuSimError('permission denied');
    this.ownAppSettings ??= new FakeSettings(this.bag(this.application()) ?? {});
    return this.ownAppSettings;
  }

  readSettings(unitName: string): Record<string, string> {
    const app = unitName.split('/')[0];
    if (app !== this.spec.remoteApp && app !== this.application()) throw new JujuSimError('permission denied');
    const bag = this.bag(unitName);
    if (!bag) {
      throw new JujuSimError(
        `cannot read settings for unit "${unitName}" in relation "${this.fakeId()}": unit "${unitName}": settings not found`,
      );
    }
    return bag;
  }

  readApplicationSettings(appName: string): Record<string, string> {
    const allowed = this.isPeer() ? appName === this.application() : appName === this.spec.remoteApp;
    if (!allowed) throw new JujuSimError('permission denied');
    return this.bag(appName) ?? {};
  }

  remoteModelUUID(): string {
    return this.spec.remoteModelUUID ?? MODEL_UUID;
  }

  /** A copy, so that what a tool does to it stays out of the controller's. */
  private bag(holder: string): Record<string, string> | undefined {
    const bag = this.spec.bags?.[holder];
    return bag && { ...bag };
  }

  private unit(): string {
    if (this.context.unit === undefined) throw new Error('databags are not faked without a unit');
    return this.context.unit;
  }

  private application(): string {
    return this.unit().split('/')[0];
  }
}

export function fakeRelations(relations: FakeRelationSpec[], context: FakeRelationsSpec = {}): FakeRelations {
  const byId = new Map(relations.map((r) => [r.id, new FakeRelation(r, context)]));
  const relation = (id: number): FakeRelation => {
    const r = byId.get(id);
    if (!r) throw new NotFoundError('relation');
    return r;
  };
  return {
    relation,
    relationIds: () =>
      [...byId.values()]
        .filter((r) => !r.spec.dead)
        .map((r) => r.id())
        .sort((a, b) => a - b),
    hookRelation: () => (context.hookRelation === undefined ? undefined : relation(context.hookRelation)),
    remoteUnitName: () => context.remoteUnit ?? '',
    remoteApplicationName: () => context.remoteApp ?? '',
    pending(id) {
      const r = byId.get(id);
      return {
        unit: Object.fromEntries(r?.ownSettings?.pending ?? []),
        app: Object.fromEntries(r?.ownAppSettings?.pending ?? []),
      };
    },
  };
}
