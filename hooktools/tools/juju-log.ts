// juju-log [--debug] [-l|--log-level <level>] <message>...: write to the unit's log at once.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextLogger, ContextRelationHook } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';

/** loggo.ParseLevel's names (upper-cased input), mapped to the level the log records. */
const loggoLevels = new Map<string, string | undefined>([
  // A valid name, but loggo drops records below TRACE: nothing is written.
  ['UNSPECIFIED', undefined],
  ['TRACE', 'TRACE'],
  ['DEBUG', 'DEBUG'],
  ['INFO', 'INFO'],
  ['WARN', 'WARNING'],
  ['WARNING', 'WARNING'],
  ['ERROR', 'ERROR'],
  ['CRITICAL', 'CRITICAL'],
]);

export class JujuLogCommand implements ToolCommand {
  private debug!: FlagRef<boolean>;
  private level!: FlagRef<string>;
  private format!: FlagRef<string>;
  private message = '';

  constructor(private readonly ctx: ContextLogger & Pick<ContextRelationHook, 'hookRelation'>) {}

  info(): ToolInfo {
    return {
      name: 'juju-log',
      args: '<message>',
      purpose: "Write a message to the unit's log.",
      doc: [
        'The arguments are joined with single spaces into one message, logged at once (it',
        'stays logged if the hook fails). In a relation hook the message is prefixed with the',
        'relation, e.g. "db:3: ". Levels are TRACE, DEBUG, INFO, WARNING (or WARN), ERROR and',
        'CRITICAL, in any case; an unknown level is reported and the message logged at INFO.',
      ].join('\n'),
      examples: `
    juju-log "installing packages"
    juju-log --log-level WARNING -- "disk almost full"
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.debug = f.bool(['debug'], false, 'Log at DEBUG level');
    this.level = f.string(['l', 'log-level'], 'INFO', 'The level to log the message at');
    this.format = f.string(['format'], '', 'Deprecated and ignored');
  }

  init(args: string[]): void {
    if (args.length === 0) throw new Error('no message specified');
    this.message = args.join(' ');
  }

  run(io: ToolIO): void {
    if (this.format.value !== '') {
      io.stderr.write('--format flag deprecated for command "juju-log"');
    }
    let level: string | undefined = 'INFO';
    if (this.debug.value) {
      level = 'DEBUG';
    } else if (this.level.value !== '') {
      const name = this.level.value.toUpperCase();
      if (loggoLevels.has(name)) {
        level = loggoLevels.get(name);
      } else {
        this.ctx.log('WARNING', `Specified log level of ${goQuote(this.level.value)} is not valid`);
      }
    }
    // Juju names the relation of a relation hook in front of the message (not the warning).
    const relation = this.ctx.hookRelation();
    if (level !== undefined) this.ctx.log(level, `${relation ? `${relation.fakeId()}: ` : ''}${this.message}`);
  }
}

export const jujuLog: ToolFactory = (ctx) => new JujuLogCommand(ctx);
