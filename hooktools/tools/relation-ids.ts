// relation-ids [<endpoint>]: the `<endpoint>:<id>` of every relation of one endpoint.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextRelationHook, ContextRelations } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';

export class RelationIdsCommand implements ToolCommand {
  private readonly out = new Output();
  /** Defaults to the endpoint of the running relation hook. */
  private endpoint: string;

  constructor(private readonly ctx: ContextRelations & ContextRelationHook) {
    this.endpoint = ctx.hookRelation()?.name() ?? '';
  }

  info(): ToolInfo {
    const hookRelation = this.ctx.hookRelation();
    const details = [
      'Prints one <endpoint>:<id> line per relation of the given endpoint, sorted as text.',
      'Relations that are already dead are left out; dying ones are still listed.',
      'An endpoint with no relations prints nothing (json: []).',
    ];
    if (hookRelation) details.unshift(`Current default endpoint name is "${hookRelation.name()}".`);
    return {
      name: 'relation-ids',
      args: hookRelation ? '[<name>]' : '<name>',
      purpose: 'List the relation ids of an endpoint.',
      doc: details.join('\n'),
      examples: '\n    relation-ids website\n',
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    if (args.length > 0) {
      this.endpoint = args[0];
      args = args.slice(1);
    } else if (this.endpoint === '') {
      throw new Error('no endpoint name specified');
    }
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const ids = this.ctx
      .relationIds()
      .map((id) => this.ctx.relation(id))
      .filter((r) => r.name() === this.endpoint)
      .map((r) => r.fakeId())
      .sort();
    this.out.write(io, ids);
  }
}

export const relationIds: ToolFactory = (ctx) => new RelationIdsCommand(ctx);
