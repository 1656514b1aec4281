// resource-get <resource name>: print the local path of a resource's file, fetching it first if
// need be. The path is printed without a newline, as Juju prints it.

import { annotate } from '../annotate.js';
import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import { UsageError } from '../../core/errors.js';
import type { ContextResources } from '../../core/hook-context.js';

export class ResourceGetCommand implements ToolCommand {
  private resourceName = '';

  constructor(private readonly ctx: ContextResources) {}

  info(): ToolInfo {
    return {
      name: 'resource-get',
      args: '<resource name>',
      purpose: "Print the local path of a resource's file.",
      doc: [
        'Prints the path of the unit-local copy of the named resource, as declared in the',
        "charm metadata, at the revision the application uses. The file is fetched when the",
        'unit has no up-to-date copy, so call resource-get wherever the file must be current.',
      ].join('\n'),
      examples: `
    resource-get software
`,
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length === 0) throw new UsageError('missing required resource name');
    checkEmpty(args.slice(1));
    this.resourceName = args[0];
  }

  run(io: ToolIO): void {
    io.stdout.write(annotate('could not download resource', () => this.ctx.downloadResource(this.resourceName)));
  }
}

export const resourceGet: ToolFactory = (ctx) => new ResourceGetCommand(ctx);
