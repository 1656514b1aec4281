// Units: their address and machine, their workload and agent status, workload version, and what
// only a hook's commit writes (charm state, opened ports). The first unit of an application
// becomes its leader.
import { entityNotFound } from '../../core/errors.js';
import type { Applications } from './applications.js';
import type { PortChange, StatusValue, UnitRecord } from './records.js';
import type { StatusHistory } from './status-history.js';
import { now, type Store } from './store.js';

const status = (current: string, message = ''): StatusValue => ({ current, message, since: now() });

/** A loopback address per unit, so a charm's workload can really listen on it. */
function unitAddress(seq: number): string {
  return `127.1.${Math.floor(seq / 250)}.${(seq % 250) + 1}`;
}

function toUnit(row: Record<string, unknown>): UnitRecord {
  return {
    name: row.name as string,
    application: row.application as string,
    number: row.number as number,
    address: row.address as string,
    machine: row.machine as string,
    workloadStatus: JSON.parse(row.workload_status as string) as StatusValue,
    agentStatus: JSON.parse(row.agent_status as string) as StatusValue,
    workloadVersion: row.workload_version as string,
    life: row.life as string,
  };
}

export class Units {
  constructor(
    private readonly store: Store,
    private readonly applications: Applications,
    private readonly statusHistory: StatusHistory,
  ) {}

  /** Every unit, or those of one application, in number order. */
  all(application?: string): UnitRecord[] {
    const { db } = this.store;
    const rows = (
      application === undefined
        ? db.prepare('SELECT * FROM units ORDER BY application, number').all()
        : db.prepare('SELECT * FROM units WHERE application = ? ORDER BY number').all(application)
    ) as Record<string, unknown>[];
    return rows.map(toUnit);
  }

  has(name: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM units WHERE name = ?').get(name) !== undefined;
  }

  get(name: string): UnitRecord {
    const row = this.store.db.prepare('SELECT * FROM units WHERE name = ?').get(name) as Record<string, unknown> | undefined;
    if (!row) throw entityNotFound('unit', name);
    return toUnit(row);
  }

  /** Adds a unit; the first unit of an application becomes its leader. */
  add(application: string): UnitRecord {
    const name = this.store.db.transaction(() => {
      const app = this.applications.get(application);
      const number = this.store.next(`unit:${application}`);
      const machineSeq = this.store.next('machine');
      const unitName = `${application}/${number}`;
      const [workload, agent] = [status('waiting', 'waiting for machine'), status('allocating')];
      this.store.db
        .prepare(
          `INSERT INTO units (name, application, number, address, machine, workload_status, agent_status)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          unitName,
          application,
          number,
          unitAddress(machineSeq),
          String(machineSeq),
          JSON.stringify(workload),
          JSON.stringify(agent),
        );
      this.statusHistory.record(unitName, 'workload', workload);
      this.statusHistory.record(unitName, 'juju-unit', agent);
      if (app.leader === null) this.applications.setLeader(application, unitName);
      return unitName;
    })();
    this.store.changed();
    return this.get(name);
  }

  setWorkloadStatus(unit: string, value: Omit<StatusValue, 'since'>): void {
    const set = { ...value, since: now() };
    this.store.db.prepare('UPDATE units SET workload_status = ? WHERE name = ?').run(JSON.stringify(set), unit);
    this.statusHistory.record(unit, 'workload', set);
  }

  setAgentStatus(unit: string, current: string, message = ''): void {
    const set = status(current, message);
    this.store.db.prepare('UPDATE units SET agent_status = ? WHERE name = ?').run(JSON.stringify(set), unit);
    this.statusHistory.record(unit, 'juju-unit', set);
  }

  setWorkloadVersion(unit: string, version: string): void {
    this.store.db.prepare('UPDATE units SET workload_version = ? WHERE name = ?').run(version, unit);
  }

  /** The unit's charm state (state-get), as last committed. */
  charmState(unit: string): Record<string, string> {
    const row = this.store.db.prepare('SELECT data FROM charm_state WHERE unit = ?').get(unit) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Record<string, string>) : {};
  }

  /** The unit's opened ports, sorted by endpoint, protocol, then port. */
  openedPorts(unit: string): PortChange[] {
    return this.store.db
      .prepare(
        `SELECT endpoint, protocol, port_from AS "from", port_to AS "to" FROM opened_ports WHERE unit = ?
         ORDER BY endpoint, protocol, port_from, port_to`,
      )
      .all(unit) as PortChange[];
  }
}
