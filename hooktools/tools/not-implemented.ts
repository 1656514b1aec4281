// Every Juju 3.6 hook tool that juju-sim does not emulate yet: it exists (so a charm gets an
// answer rather than a missing command) and fails the way any failing tool does.

import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';

class NotImplementedCommand implements ToolCommand {
  /** Whatever options a charm passes, the answer is the same loud failure. */
  readonly acceptsAnyArgs = true;

  constructor(private readonly name: string) {}

  info(): ToolInfo {
    return { name: this.name, purpose: 'Not implemented in juju-sim.' };
  }

  setFlags(): void {}

  init(): void {}

  run(): void {
    throw new Error(`${this.name} is not implemented in juju-sim`);
  }
}

/** The factory for a tool juju-sim knows by name only. */
export function notImplemented(name: string): ToolFactory {
  return () => new NotImplementedCommand(name);
}
