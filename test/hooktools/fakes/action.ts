// A ContextAction: with params it is an action context that records what the tools do;
// without, every call fails as it does outside an action.

import { type ContextAction } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export class FakeAction implements ContextAction {
  readonly results: Array<{ keys: string[]; value: string }> = [];
  readonly logged: string[] = [];
  message?: string;
  failed = false;

  /** params undefined: not an action context. */
  constructor(private readonly params?: Record<string, unknown>) {}

  actionParams(): Record<string, unknown> {
    return this.running().params!;
  }

  updateActionResults(keys: string[], value: string): void {
    this.running().results.push({ keys, value });
  }

  setActionMessage(message: string): void {
    this.running().message = message;
  }

  setActionFailed(): void {
    this.running().failed = true;
  }

  logActionMessage(message: string): void {
    this.running().logged.push(message);
  }

  private running(): this {
    if (this.params === undefined) throw new JujuSimError('not running an action');
    return this;
  }
}
