// action-get [<key>[.<key>…]]: print the running action's parameters, or the one a dotted key
// leads to through nested maps. Outside an action the context fails with `not running an action`.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextAction } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { GoFloat, interfaceSlice, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';

export class ActionGetCommand implements ToolCommand {
  private readonly out = new Output();
  private keys: string[] = [];

  constructor(private readonly ctx: ContextAction) {}

  info(): ToolInfo {
    return {
      name: 'action-get',
      args: '[<key>[.<key>.<key>...]]',
      purpose: "Print the running action's parameters.",
      doc: [
        'Without a key, prints every parameter of the running action ({} when there are',
        'none). A key prints that parameter; a dotted key (a.b.c) walks into nested maps.',
        'A key that leads nowhere prints nothing (null in json).',
      ].join('\n'),
      examples: `
    action-get
    TIMEOUT=$(action-get timeout)
    action-get backup.target --format=json
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    if (args.length === 0) return;
    checkEmpty(args.slice(1));
    this.keys = args[0].split('.');
  }

  run(io: ToolIO): void {
    const params = this.ctx.actionParams();
    this.out.write(io, goValue(this.keys.length === 0 ? params : lookup(params, this.keys)));
  }
}

/** The value a dotted key leads to; undefined when a step is missing or is not a map. */
function lookup(params: Record<string, unknown>, keys: string[]): unknown {
  let value: unknown = params;
  for (const key of keys) {
    if (!isMap(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parameters reach the uniter as JSON, so Go holds every number as a float64 (a big integer
 * prints as 1.2345678e+07 in yaml, as in Juju).
 */
function goValue(value: unknown): GoValue {
  if (typeof value === 'number') return new GoFloat(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // A []interface{}: a list of strings prints as yaml in smart too, unlike a []string.
  if (Array.isArray(value)) return interfaceSlice(value.map(goValue));
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, goValue(v)]));
  return null;
}

export const actionGet: ToolFactory = (ctx) => new ActionGetCommand(ctx);
