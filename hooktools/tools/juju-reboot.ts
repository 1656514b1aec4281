// juju-reboot [--now]: reboot the machine after this hook, or at once (re-running the hook).

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ContextAction, ContextInstance } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';

export class JujuRebootCommand implements ToolCommand {
  private now!: FlagRef<boolean>;

  constructor(private readonly ctx: ContextInstance & Pick<ContextAction, 'actionParams'>) {}

  info(): ToolInfo {
    return {
      name: 'juju-reboot',
      purpose: 'Reboot the host machine.',
      doc: [
        'Without --now the machine reboots once the current hook has finished, and only if it',
        'succeeded. With --now the hook is stopped at once and run again from the start after',
        'the reboot, so a hook may reboot several times on its way. Not available in actions.',
      ].join('\n'),
      examples: `
    juju-reboot
    juju-reboot --now
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.now = f.bool(['now'], false, 'Reboot at once, stopping this hook');
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(): void {
    if (this.isAction()) throw new Error('juju-reboot is not supported when running an action.');
    this.ctx.requestReboot(this.now.value);
  }

  /** Juju's test: action parameters can be read only in an action. */
  private isAction(): boolean {
    try {
      this.ctx.actionParams();
      return true;
    } catch {
      return false;
    }
  }
}

export const jujuReboot: ToolFactory = (ctx) => new JujuRebootCommand(ctx);
