// ContextStatus as Juju's hook context behaves: the application status is the leader's alone.

import { type ContextStatus, type StatusInfo } from '../../../core/hook-context.js';
import { JujuSimError } from '../../../core/errors.js';

type UnitStatus = StatusInfo & { unit: string };

export interface FakeStatus extends ContextStatus {
  /** What status-set wrote, in order. */
  readonly writes: Array<{ application: boolean; status: StatusInfo }>;
}

export interface FakeStatusSpec {
  leader: boolean;
  unit?: StatusInfo;
  application?: StatusInfo;
  units?: UnitStatus[];
  /** Makes every read fail with this message. */
  readError?: string;
}

const unknown: StatusInfo = { status: 'unknown', info: '', data: {} };

export function fakeStatus(spec: FakeStatusSpec): FakeStatus {
  const writes: FakeStatus['writes'] = [];
  const read = <T>(value: T): T => {
    if (spec.readError !== undefined) throw new JujuSimError(spec.readError);
    return value;
  };
  const requireLeader = () => {
    if (!spec.leader) throw new JujuSimError('this unit is not the leader');
  };
  return {
    writes,
    unitStatus: () => read(spec.unit ?? unknown),
    applicationStatus() {
      requireLeader();
      return read({ application: spec.application ?? unknown, units: spec.units ?? [] });
    },
    setUnitStatus: (status) => void writes.push({ application: false, status }),
    setApplicationStatus(status) {
      requireLeader();
      writes.push({ application: true, status });
    },
  };
}
