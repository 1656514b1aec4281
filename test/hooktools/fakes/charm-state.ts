// A ContextUnitCharmState over an in-memory map that also records each write, in order.

import type { ContextUnitCharmState } from '../../../core/hook-context.js';

export class FakeCharmState implements ContextUnitCharmState {
  /** set(k, v) and delete(k) calls, in order. */
  readonly writes: Array<['set', string, string] | ['delete', string]> = [];
  private readonly state: Map<string, string>;

  constructor(state: Record<string, string> = {}) {
    this.state = new Map(Object.entries(state));
  }

  getCharmState(): Record<string, string> {
    return Object.fromEntries(this.state);
  }

  setCharmStateValue(key: string, value: string): void {
    this.writes.push(['set', key, value]);
    this.state.set(key, value);
  }

  deleteCharmStateValue(key: string): void {
    this.writes.push(['delete', key]);
    this.state.delete(key);
  }
}
