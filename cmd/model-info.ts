// How Juju's CLI shows a model: `show-model`'s ModelInfo (cmd/juju/common/model.go) and
// `models`' ModelSummary (cmd/juju/controller/listmodels.go), field for field in Go's order,
// from what the daemon says of it. juju-sim's models are all admin's, on one local machine:
// cloud, region and provider are those of a local LXD controller.
import type { ModelInfo } from '../agent/control/protocol.js';
import { GoStruct, type GoValue } from '../core/format.js';

/** common.UserFriendlyDuration: how long ago, as Juju's tables and formats print it by default. */
export function friendlyDuration(when: Date, now: Date): string {
  const seconds = (now.getTime() - when.getTime()) / 1000;
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (seconds >= 24 * 3600) return when.toISOString().slice(0, 10);
  if (seconds >= 3600) return plural(Math.floor(seconds / 3600), 'hour');
  if (seconds >= 60) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds >= 2) return `${Math.floor(seconds)} seconds ago`;
  return 'just now';
}

/** The fields ModelInfo and ModelSummary share, up to `status`. */
function common(model: ModelInfo, now: Date): Array<[string, GoValue]> {
  return [
    ['name', `${model.owner}/${model.name}`],
    ['short-name', model.name],
    ['model-uuid', model.uuid],
    ['model-type', 'iaas'],
    ['controller-uuid', model.controllerUuid],
    ['controller-name', model.controllerName],
    ['is-controller', false],
    ['owner', model.owner],
    ['cloud', 'localhost'],
    ['region', 'localhost'],
    ['type', 'lxd'],
    ['life', 'alive'],
    ['status', new GoStruct([['current', 'available'], ['since', friendlyDuration(new Date(model.since), now)]])],
  ];
}

/** `show-model`'s ModelInfo. */
export function modelInfo(model: ModelInfo, now = new Date()): GoStruct {
  const user = new GoStruct([['display-name', model.owner], ['access', 'admin'], ['last-connection', 'just now']]);
  const machines = Object.fromEntries(model.machines.map((id) => [id, new GoStruct([['cores', 0]])]));
  return new GoStruct([
    ...common(model, now),
    ['users', { [model.owner]: user }],
    ...(model.machines.length > 0 ? [['machines', machines] as [string, GoValue]] : []),
    ['sla', 'unsupported'],
    ['agent-version', model.agentVersion],
  ]);
}

/** `models`' ModelSummary. */
export function modelSummary(model: ModelInfo, now = new Date()): GoStruct {
  return new GoStruct([...common(model, now), ['access', 'admin'], ['last-connection', 'just now'], ['agent-version', model.agentVersion]]);
}
