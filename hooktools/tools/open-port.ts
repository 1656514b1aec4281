// open-port <port>[/<protocol>] | <from>-<to>[/<protocol>] | icmp [--endpoints a,b]: ask for a
// port range to be opened. The request is buffered and applied when the hook exits 0.
// close-port is the same command ending in another context call (PortCommand, as in Juju's
// ports.go, which serves both).

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import { UsageError } from '../../core/errors.js';
import type { ContextNetworking, PortRange } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { goTrimSpace } from '../keyvalues.js';
import { parsePortRange } from '../../core/ports.js';

/** open-port and close-port: one range, for every endpoint ('') or for each of --endpoints. */
export abstract class PortCommand implements ToolCommand {
  private endpoints!: FlagRef<string>;
  private format!: FlagRef<string>;
  private range!: PortRange;

  abstract info(): ToolInfo;

  /** The context call; endpoint '' means every endpoint. */
  protected abstract apply(endpoint: string, range: PortRange): void;

  setFlags(f: FlagSet): void {
    this.format = f.string(['format'], '', 'Deprecated and ignored');
    this.endpoints = f.string(['endpoints'], '', 'Apply to these endpoints only (comma-separated)');
  }

  init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no port or range specified');
    this.range = parsePortRange(args[0].toLowerCase());
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    if (this.format.value !== '') {
      io.stderr.write(`--format flag deprecated for command "${this.info().name}"`);
    }
    if (this.endpoints.value === '') {
      this.apply('', this.range);
      return;
    }
    // Juju trims each name (strings.TrimSpace); an empty one (`a,`) is '', which means every endpoint.
    for (const endpoint of this.endpoints.value.split(',')) this.apply(goTrimSpace(endpoint), this.range);
  }
}

/** The synopsis both port commands show. */
export const portArgs = '<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp';

export class OpenPortCommand extends PortCommand {
  constructor(private readonly ctx: ContextNetworking) {
    super();
  }

  info(): ToolInfo {
    return {
      name: 'open-port',
      args: portArgs,
      purpose: 'Ask for a port or a port range to be opened.',
      doc: [
        'Opens the given port, port range or ICMP for this unit when the hook succeeds. The',
        'protocol is tcp unless given, and the argument is read case-insensitively. Without',
        '--endpoints the range is opened for every endpoint of the application; --endpoints',
        'names the endpoints to open it for instead.',
        '',
        'On a machine the range is reachable only while the application is exposed. A',
        'Kubernetes application can open single ports only.',
      ].join('\n'),
      examples: `
    open-port 80/tcp
    open-port 53/udp
    open-port 8000-8100/tcp --endpoints public,admin
    open-port icmp
`,
    };
  }

  protected apply(endpoint: string, range: PortRange): void {
    this.ctx.openPortRange(endpoint, range);
  }
}

export const openPort: ToolFactory = (ctx) => new OpenPortCommand(ctx);
