// ContextInstance (goal state, cloud spec, reboot requests) plus the one action read juju-reboot
// makes to tell a hook from an action.

import { type ContextAction, type ContextInstance, type GoalState } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

export interface FakeInstance extends ContextInstance, Pick<ContextAction, 'actionParams'> {
  /** What juju-reboot asked for. */
  reboot: 'none' | 'after-hook' | 'now';
}

export interface FakeInstanceSpec {
  goalState?: GoalState;
  /** An object to answer, or the message cloudSpec() fails with. */
  cloudSpec?: Record<string, unknown> | string;
  inAction?: boolean;
  /** Makes requestReboot() fail with this message. */
  rebootError?: string;
}

export function fakeInstance(spec: FakeInstanceSpec): FakeInstance {
  return {
    reboot: 'none',
    availabilityZone: () => '',
    requestReboot(now) {
      if (spec.rebootError !== undefined) throw new JujuSimError(spec.rebootError);
      this.reboot = now ? 'now' : 'after-hook';
    },
    goalState: () => spec.goalState ?? { units: {}, relations: {} },
    cloudSpec() {
      const cloud = spec.cloudSpec ?? 'permission denied';
      if (typeof cloud === 'string') throw new JujuSimError(cloud);
      return cloud;
    },
    actionParams() {
      if (!spec.inAction) throw new JujuSimError('not running an action');
      return {};
    },
  };
}
