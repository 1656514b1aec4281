// `status --format json` in Juju 3.6's shape (juju-cli.md §2), so that scripts and test
// libraries written for `juju status` (jubilant's wait helpers) read ours unchanged.
import { charmURL } from '../controller/applications.js';
import type { Controller } from '../controller/controller.js';
import type { ApplicationRecord, StatusValue, UnitRecord } from '../controller/records.js';
import { endpointsOf } from './offers.js';
import { formatPortRange } from '../../core/ports.js';
import { jujuVersion } from '../../core/juju-version.js';

type Json = Record<string, unknown>;

/** Juju's status severity, used to derive an application status its leader never set. */
const severity: Record<string, number> = {
  error: 100,
  blocked: 90,
  maintenance: 80,
  waiting: 70,
  active: 60,
  terminated: 50,
  unknown: 40,
};

const info = (s: StatusValue): Json => ({ current: s.current, ...(s.message ? { message: s.message } : {}), since: s.since });

/** A hook error is recorded on the agent but shown as the workload being in error. */
function unitStatuses(unit: UnitRecord): { workload: StatusValue; agent: StatusValue } {
  if (unit.agentStatus.current === 'error') {
    return { workload: { ...unit.agentStatus, current: 'error' }, agent: { ...unit.agentStatus, current: 'idle', message: '' } };
  }
  return { workload: unit.workloadStatus, agent: unit.agentStatus };
}

function applicationStatus(app: ApplicationRecord, units: Array<{ workload: StatusValue }>): StatusValue {
  if (app.status) return app.status;
  let worst: StatusValue = { current: 'unknown', message: '', since: new Date().toISOString() };
  for (const { workload } of units) {
    if ((severity[workload.current] ?? 0) > (severity[worst.current] ?? 0)) worst = workload;
  }
  return worst;
}

function openPorts(controller: Controller, unit: string): Json {
  const ports = [...new Set(controller.units.openedPorts(unit).map(formatPortRange))];
  return ports.length ? { 'open-ports': ports } : {};
}

/**
 * How a paused model shows: in the model status message, which Juju uses for notes about the
 * model and prints as its Notes column, so Juju's shape stays as it is.
 */
export const pausedMessage = 'paused by juju-sim: no hook starts until settle, step or resume';

/**
 * The consumed offers (`application-endpoints`, Juju's SAAS) and this model's offers, in 3.6's
 * shape; a consuming application's proxy in an offering model shows only in its offer's counts.
 */
function crossModelStatus(controller: Controller): Json {
  const { remoteApplications, relations } = controller;
  const saas: Json = {};
  for (const remote of remoteApplications.remotes().filter((r) => !r.consumerProxy)) {
    const related: Record<string, string[]> = {};
    for (const relation of relations.of(remote.name)) {
      const local = relation.endpoints.find((e) => e.application === remote.name)!;
      const other = relation.endpoints.find((e) => e !== local)!;
      (related[local.endpoint] ??= []).push(other.application);
    }
    saas[remote.name] = {
      url: remote.url,
      endpoints: endpointsOf(remote.endpoints),
      'application-status': { current: 'active', since: new Date().toISOString() },
      ...(Object.keys(related).length ? { relations: related } : {}),
    };
  }
  const offers: Json = {};
  for (const offer of remoteApplications.offers()) {
    const connected = remoteApplications.offerConnections(offer).length;
    offers[offer.name] = {
      application: offer.application,
      charm: charmURL(controller.applications.get(offer.application)),
      ...(connected ? { 'total-connected-count': connected, 'active-connected-count': connected } : {}),
      endpoints: endpointsOf(offer.endpoints),
    };
  }
  return { ...(Object.keys(saas).length ? { 'application-endpoints': saas } : {}), ...(Object.keys(offers).length ? { offers } : {}) };
}

export function modelStatus(controller: Controller): Json {
  const model = controller.model();
  const relations = controller.relations.all();
  const machines: Json = {};
  const applications: Json = {};
  for (const app of controller.applications.all()) {
    const units = controller.units.all(app.name);
    const statuses = units.map((u) => ({ unit: u, ...unitStatuses(u) }));
    const appRelations: Record<string, Json[]> = {};
    for (const r of relations) {
      for (const local of r.endpoints.filter((e) => e.application === app.name)) {
        const other = r.endpoints.find((e) => e !== local) ?? local;
        (appRelations[local.endpoint] ??= []).push({ 'related-application': other.application, interface: r.interface, scope: r.scope });
      }
    }
    const versions = units.map((u) => u.workloadVersion).filter(Boolean);
    applications[app.name] = {
      charm: charmURL(app),
      base: { name: 'ubuntu', channel: '22.04' },
      'charm-origin': 'local',
      'charm-name': app.charmName,
      'charm-rev': app.charmRev,
      exposed: false,
      'application-status': info(applicationStatus(app, statuses)),
      // Juju's applicationStatus has relations and units omitempty: an empty map is left out.
      ...(Object.keys(appRelations).length ? { relations: appRelations } : {}),
      ...(units.length ? { units: Object.fromEntries(
        statuses.map(({ unit, workload, agent }) => [
          unit.name,
          {
            'workload-status': info(workload),
            'juju-status': { ...info(agent), version: jujuVersion },
            ...(app.leader === unit.name ? { leader: true } : {}),
            machine: unit.machine,
            ...openPorts(controller, unit.name),
            'public-address': unit.address,
          },
        ]),
      ) } : {}),
      ...(versions.length ? { version: versions[versions.length - 1] } : {}),
      'endpoint-bindings': Object.fromEntries(['', ...app.meta.endpoints.map((e) => e.name)].map((e) => [e, 'alpha'])),
    };
    for (const unit of units) {
      machines[unit.machine] = {
        'juju-status': { current: 'started', since: unit.agentStatus.since, version: jujuVersion },
        hostname: `juju-sim-${unit.machine}`,
        'dns-name': unit.address,
        'ip-addresses': [unit.address],
        'instance-id': `juju-sim-${unit.machine}`,
        'machine-status': { current: 'running', message: 'Running', since: unit.agentStatus.since },
        'modification-status': { current: 'applied', since: unit.agentStatus.since },
        base: { name: 'ubuntu', channel: '22.04' },
      };
    }
  }
  return {
    model: {
      name: model.name,
      type: 'iaas',
      controller: 'juju-sim',
      cloud: 'localhost',
      region: 'localhost',
      version: jujuVersion,
      'model-status': { current: 'available', ...(model.paused ? { message: pausedMessage } : {}), since: new Date().toISOString() },
      sla: 'unsupported',
    },
    machines,
    applications,
    ...crossModelStatus(controller),
    storage: {},
    controller: { timestamp: new Date().toISOString().slice(11, 19) + 'Z' },
  };
}
