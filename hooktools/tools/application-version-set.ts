// application-version-set <new-version>: record the workload version at once.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ContextVersion } from '../../core/hook-context.js';

export class ApplicationVersionSetCommand implements ToolCommand {
  private version = '';

  constructor(private readonly ctx: ContextVersion) {}

  info(): ToolInfo {
    return {
      name: 'application-version-set',
      args: '<new-version>',
      purpose: 'Set the version of the workload software.',
      doc: [
        'Records which version of the application software this unit runs (a package',
        'version, a git hash, ...), shown by `juju status`. It is not the charm revision.',
        'The change is immediate and stays if the hook fails.',
      ].join('\n'),
    };
  }

  setFlags(): void {}

  init(args: string[]): void {
    if (args.length < 1) throw new Error('no version specified');
    this.version = args[0];
    checkEmpty(args.slice(1));
  }

  run(): void {
    this.ctx.setUnitWorkloadVersion(this.version);
  }
}

export const applicationVersionSet: ToolFactory = (ctx) => new ApplicationVersionSetCommand(ctx);
