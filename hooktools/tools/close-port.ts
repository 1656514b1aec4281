// close-port <port>[/<protocol>] | <from>-<to>[/<protocol>] | icmp [--endpoints a,b]: ask for a
// port range to be closed; buffered until the hook exits 0. Parsing and flags are open-port's.

import type { ToolInfo, ToolFactory } from '../cmd.js';
import type { ContextNetworking, PortRange } from '../../core/hook-context.js';
import { PortCommand, portArgs } from './open-port.js';

export class ClosePortCommand extends PortCommand {
  constructor(private readonly ctx: ContextNetworking) {
    super();
  }

  info(): ToolInfo {
    return {
      name: 'close-port',
      args: portArgs,
      purpose: 'Ask for a port or a port range to be closed.',
      doc: [
        'Closes the given port, port range or ICMP for this unit when the hook succeeds.',
        'Without --endpoints the range is closed for every endpoint; --endpoints names the',
        'endpoints to close it for instead. Closing a range that is not open does nothing.',
      ].join('\n'),
      examples: `
    close-port 80
    close-port 9000-9999/udp
    close-port icmp
    close-port 80-90 --endpoints public
`,
    };
  }

  protected apply(endpoint: string, range: PortRange): void {
    this.ctx.closePortRange(endpoint, range);
  }
}

export const closePort: ToolFactory = (ctx) => new ClosePortCommand(ctx);
