// `debug-log`: the model's log as Juju prints it, `<entity>: <HH:MM:SS> <LEVEL> <module> <message>`,
// filtered by entity and minimum level. It never tails: it prints what there is and returns.
import type { Controller } from '../controller/controller.js';
import type { LogRecord } from '../controller/records.js';
import { JujuSimError } from '../../core/errors.js';
import type { Params } from '../control/protocol.js';

const levels = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

const entityMatcher = (name: string): ((entity: string) => boolean) => {
  if (name.startsWith('unit-')) return (entity) => entity === name;
  if (name.includes('/')) return (entity) => entity === `unit-${name.replace('/', '-')}`;
  return (entity) => entity.startsWith(`unit-${name}-`) && /^\d+$/.test(entity.slice(`unit-${name}-`.length));
};

const clock = (iso: string): string => new Date(iso).toTimeString().slice(0, 8);

export function formatLogRecord(r: LogRecord): string {
  return `${r.entity}: ${clock(r.time)} ${r.level} ${r.module} ${r.message}`;
}

export function debugLog(controller: Controller, request: Params<'debug-log'>): string[] {
  const level = (request.level ?? 'TRACE').toUpperCase();
  const minimum = levels.indexOf(level === 'WARN' ? 'WARNING' : level);
  if (minimum < 0) throw new JujuSimError(`unknown log level "${request.level}"`);
  const matchers = (request.include ?? []).map(entityMatcher);
  const lines = controller.history
    .logs()
    .filter((r) => levels.indexOf(r.level) >= minimum)
    .filter((r) => matchers.length === 0 || matchers.some((m) => m(r.entity)))
    .map(formatLogRecord);
  return request.limit ? lines.slice(-request.limit) : lines;
}
