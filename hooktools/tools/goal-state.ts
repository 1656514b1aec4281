// goal-state: the units and relations the application is heading for, with their status.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextInstance, GoalStateStatus } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { GoStruct } from '../../core/format.js';
import { Output } from '../output.js';

export class GoalStateCommand implements ToolCommand {
  // Juju offers yaml and json only; `--format smart` is an unknown format here.
  private readonly out = new Output('yaml', ['yaml', 'json']);

  constructor(private readonly ctx: ContextInstance) {}

  info(): ToolInfo {
    return {
      name: 'goal-state',
      purpose: "Print the goal state of the application's units and relations.",
      doc: [
        'Lists the units the application should have and, for each endpoint, the related',
        'applications and units, each with its status and the time it took it.',
      ].join('\n'),
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const goal = this.ctx.goalState();
    const relations = Object.entries(goal.relations).map(([endpoint, units]) => [endpoint, statuses(units)]);
    this.out.write(
      io,
      new GoStruct([
        ['units', statuses(goal.units)],
        ['relations', Object.fromEntries(relations)],
      ]),
    );
  }
}

/** Juju leaves `since` out when it has no time. */
function statuses(units: Record<string, GoalStateStatus>): Record<string, GoStruct> {
  const entry = ({ status, since }: GoalStateStatus) =>
    new GoStruct(since === '' ? [['status', status]] : [['status', status], ['since', since]]);
  return Object.fromEntries(Object.entries(units).map(([name, s]) => [name, entry(s)]));
}

export const goalState: ToolFactory = (ctx) => new GoalStateCommand(ctx);
