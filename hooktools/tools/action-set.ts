// action-set <key>[.<key>…]=<value>…: add values to the running action's results, a dotted key
// making nested maps. The results go back to the user when the action finishes.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import { UsageError } from '../../core/errors.js';
import type { ContextAction } from '../../core/hook-context.js';
import { goQuote } from '../../core/gnuflag.js';

/** Every segment of a result key, as Juju's action-name rule has it. */
const keySegment = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Result keys Juju fills in itself. */
const reservedKeys = ['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding'];

export class ActionSetCommand implements ToolCommand {
  private results: Array<{ keys: string[]; value: string }> = [];

  constructor(private readonly ctx: ContextAction) {}

  info(): ToolInfo {
    return {
      name: 'action-set',
      args: '<key>=<value> [<key>=<value> ...]',
      purpose: "Add values to the running action's results.",
      doc: [
        'Sets each key to its value (always a string) in the results of the running action.',
        'A dotted key (a.b.c) sets a value in nested maps; a later value for the same key,',
        'or for a key above or below it, replaces the earlier one. Each part of a key is',
        'lowercase letters, digits and hyphens, and starts and ends with a letter or digit.',
        `The keys ${reservedKeys.join(', ')} are reserved.`,
      ].join('\n'),
      examples: `
    action-set outfile.size=10G
    action-set result.code=0 result.message="all done"
`,
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    this.results = args.map((arg) => {
      const eq = arg.indexOf('=');
      if (eq < 0) throw new UsageError(`argument ${goQuote(arg)} must be of the form key...=value`);
      const keys = arg.slice(0, eq).split('.');
      for (const key of keys) {
        if (!keySegment.test(key)) {
          throw new UsageError(
            `key ${goQuote(key)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
          );
        }
        if (reservedKeys.includes(key)) throw new UsageError(`cannot set reserved action key "${key}"`);
      }
      return { keys, value: arg.slice(eq + 1) };
    });
  }

  run(): void {
    for (const { keys, value } of this.results) this.ctx.updateActionResults(keys, value);
  }
}

export const actionSet: ToolFactory = (ctx) => new ActionSetCommand(ctx);
