// relation-model-get [-r <id>]: the model that hosts the application at the other end.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextRelationHook, ContextRelations } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { GoStruct } from '../../core/format.js';
import { Output } from '../output.js';
import { RelationIdValue } from '../relation-id.js';

export class RelationModelGetCommand implements ToolCommand {
  private readonly out = new Output();
  private readonly relation: RelationIdValue;

  constructor(private readonly ctx: ContextRelations & ContextRelationHook) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'relation-model-get',
      purpose: 'Print details of the model hosting a related application.',
      // Juju 3.6 adds details only outside a relation hook, where -r has no default.
      doc: this.ctx.hookRelation()
        ? undefined
        : [
            'Outside a relation hook the relation must be given with -r.',
            '',
            "Prints the UUID of the model the relation's remote application lives in (this",
            'model unless the relation crosses models).',
          ].join('\n'),
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    f.var(['r', 'relation'], this.relation, 'Specify a relation by id');
  }

  init(args: string[]): void {
    this.relation.requireId();
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const r = this.ctx.relation(this.relation.id);
    this.out.write(io, new GoStruct([['uuid', r.remoteModelUUID()]]));
  }
}

export const relationModelGet: ToolFactory = (ctx) => new RelationModelGetCommand(ctx);
