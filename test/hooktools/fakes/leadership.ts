// ContextLeadership as Juju's leadership context behaves: a minion stays a minion for the rest
// of the context, and only the leader may write (merge, an empty value deletes).

import { type ContextLeadership } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export interface FakeLeadership extends ContextLeadership {
  /** The leader settings as the controller holds them now. */
  readonly settings: Record<string, string>;
}

/** `leader` as an Error makes isLeader() (and so writes) fail with it. */
export function fakeLeadership(leader: boolean | Error, settings: Record<string, string> = {}): FakeLeadership {
  const stored = new Map(Object.entries(settings));
  const isLeader = (): boolean => {
    if (leader instanceof Error) throw leader;
    return leader;
  };
  return {
    get settings() {
      return Object.fromEntries(stored);
    },
    isLeader,
    leaderSettings: () => Object.fromEntries(stored),
    writeLeaderSettings(changes) {
      if (!isLeader()) throw new JujuSimError('cannot write settings: not the leader');
      for (const [key, value] of Object.entries(changes)) {
        if (value === '') stored.delete(key);
        else stored.set(key, value);
      }
    },
  };
}
