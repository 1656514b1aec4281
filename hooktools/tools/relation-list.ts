// relation-list [-r <id>] [--app]: the remote members of a relation, or its remote application.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextRelationHook, ContextRelations } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';
import { RelationIdValue } from '../relation-id.js';

export class RelationListCommand implements ToolCommand {
  private readonly out = new Output();
  private readonly relation: RelationIdValue;
  private app!: FlagRef<boolean>;

  constructor(private readonly ctx: ContextRelations & ContextRelationHook) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    const hookRelation = this.ctx.hookRelation();
    return {
      name: 'relation-list',
      purpose: 'List the units in a relation.',
      // Juju 3.6 adds details only outside a relation hook, where -r has no default.
      doc: hookRelation ? undefined : 'Outside a relation hook the relation must be given with -r.',
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    f.var(['r', 'relation'], this.relation, 'Specify a relation by id');
    this.app = f.bool(['app'], false, 'Print the remote application instead of its units');
  }

  init(args: string[]): void {
    this.relation.requireId();
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const r = this.ctx.relation(this.relation.id);
    if (this.app.value) {
      this.out.write(io, r.remoteApplicationName());
      return;
    }
    this.out.write(io, r.unitNames());
  }
}

export const relationList: ToolFactory = (ctx) => new RelationListCommand(ctx);
