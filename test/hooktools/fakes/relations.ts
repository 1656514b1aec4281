// ContextRelations and ContextRelationHook for tools that only pick a relation (-r) and read
// what the relation itself knows, not its databags.

import {
  type ContextRelation,
  type ContextRelationHook,
  type ContextRelations,
} from '../../../core/hook-context.js';
import { NotFoundError } from '../../../core/errors.js';

export interface FakeRelationSpec {
  id: number;
  endpoint: string;
  remoteApp: string;
  /** This model's UUID unless the relation crosses models. */
  remoteModelUUID?: string;
}

export const MODEL_UUID = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

export function fakeRelations(relations: FakeRelationSpec[], hookRelation?: number): ContextRelations & ContextRelationHook {
  const unused = (): never => {
    throw new Error('databags are not faked');
  };
  const byId = new Map<number, ContextRelation>(
    relations.map((r) => [
      r.id,
      {
        id: () => r.id,
        name: () => r.endpoint,
        fakeId: () => `${r.endpoint}:${r.id}`,
        unitNames: () => [],
        remoteApplicationName: () => r.remoteApp,
        isPeer: () => false,
        settings: unused,
        applicationSettings: unused,
        readSettings: unused,
        readApplicationSettings: unused,
        remoteModelUUID: () => r.remoteModelUUID ?? MODEL_UUID,
      },
    ]),
  );
  const relation = (id: number): ContextRelation => {
    const r = byId.get(id);
    if (!r) throw new NotFoundError('relation');
    return r;
  };
  return {
    relation,
    relationIds: () => [...byId.keys()].sort((a, b) => a - b),
    hookRelation: () => (hookRelation === undefined ? undefined : relation(hookRelation)),
    remoteUnitName: () => '',
    remoteApplicationName: () => '',
  };
}
