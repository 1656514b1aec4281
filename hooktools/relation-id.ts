// The `-r/--relation` option of the relation tools (Juju's relationIdValue in jujuc/context.go).
// It defaults to the relation of the running hook; a value is accepted as `<n>` or as
// `<anything>:<n>`, and only the number after the last ':' counts, as in every Juju release read.

import type { ContextRelationHook, ContextRelations } from '../core/hook-context.js';
import { goParseInt, type FlagValue } from '../core/gnuflag.js';

export class RelationIdValue implements FlagValue {
  /** The chosen relation id, or -1 when there is neither a hook relation nor `-r`. */
  id: number;
  /** What help shows as the default: the hook relation's `<endpoint>:<id>`, or nothing. */
  private text: string;

  constructor(private readonly ctx: ContextRelations & ContextRelationHook) {
    const hookRelation = ctx.hookRelation();
    this.id = hookRelation ? hookRelation.id() : -1;
    this.text = hookRelation ? hookRelation.fakeId() : '';
  }

  set(text: string): void {
    let id: number;
    try {
      // strconv.Atoi: decimal, optional sign, 64-bit.
      id = Number(goParseInt(text.slice(text.lastIndexOf(':') + 1), 10));
    } catch {
      throw new Error('invalid relation id');
    }
    // The context's NotFoundError reads `relation not found`, which is Juju's text.
    this.ctx.relation(id);
    this.id = id;
    this.text = text;
  }

  toString(): string {
    return this.text;
  }

  /** The Init-stage check every relation tool makes before looking at its arguments. */
  requireId(): void {
    if (this.id === -1) throw new Error('no relation id specified');
  }
}
