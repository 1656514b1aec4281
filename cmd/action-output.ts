// How `juju run` shows tasks (Juju's cmd/juju/action/common.go: formatActionResult,
// convertActionOutput and printPlainOutput): the map printed for each unit in json and yaml, the
// return code that decides the exit status, and the plain format. Juju keeps action times to the
// second; its client prints them with Go's time.String(), here always in UTC.
import type { ActionRecord } from '../agent/control/protocol.js';
import { formatJson, formatYaml, type GoValue } from '../core/format.js';

export type TaskInfo = Record<string, GoValue>;

/** `2006-01-02 15:04:05 +0000 UTC`, from a stored ISO time. */
export const jujuTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;

/** An action-log message as `juju run` prints it while it waits: `15:04:05 message`. */
export const progressLine = (entry: ActionRecord['log'][number]): string => `${entry.time.slice(11, 19)} ${entry.message}`;

/** strconv.Atoi: an integer, or undefined (Go's 0 with an error). */
const atoi = (text: string): number | undefined => (/^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined);

/** Juju's convertActionOutput: empty streams dropped, `\r\n` made `\n`, return-code an int. */
function convertResults(results: Record<string, unknown>): { results: TaskInfo; code: number } {
  const converted = { ...results } as TaskInfo;
  for (const stream of ['stdout', 'stderr']) {
    const text = converted[stream];
    if (typeof text === 'string' && text !== '') converted[stream] = text.replaceAll('\r\n', '\n');
    else delete converted[stream];
  }
  const returnCode = converted['return-code'];
  if (returnCode === undefined || returnCode === null) {
    delete converted['return-code'];
    return { results: converted, code: -1 };
  }
  const code = atoi(String(returnCode));
  if (code !== undefined) converted['return-code'] = code;
  return { results: converted, code: code ?? 0 };
}

/** Juju's formatActionResult: the task as printed for its unit, and its return code (-1: none). */
export function taskInfo(task: ActionRecord): { info: TaskInfo; code: number } {
  const info: TaskInfo = { id: String(task.id), status: task.status, unit: task.unit };
  if (task.message !== '') info.message = task.message;
  let code = -1;
  if (task.results && Object.keys(task.results).length > 0) {
    const converted = convertResults(task.results);
    info.results = converted.results;
    code = converted.code;
  }
  if (task.log.length > 0) info.log = task.log.map((entry) => `${jujuTime(entry.time)} ${entry.message}`);
  const timing: Record<string, string> = {};
  for (const [name, time] of [['enqueued', task.enqueued], ['started', task.started], ['completed', task.completed]] as const) {
    if (time) timing[name] = jujuTime(time);
  }
  if (Object.keys(timing).length > 0) info.timing = timing;
  return { info, code };
}

/** Tasks (or one) as `run`, `exec` and `show-task` print them in json and yaml, as Go marshals them. */
export const structuredOutput: Record<'json' | 'yaml', (value: GoValue) => string> = {
  json: (value) => `${formatJson(value).toString()}\n`,
  yaml: (value) => `${formatYaml(value).toString()}\n`,
};

/** Results keys the plain format leaves out: Juju's own, shown after the results instead. */
const ownKeys = new Set(['return-code', 'stdout', 'stderr', 'stdout-encoding', 'stderr-encoding']);

/** yaml.v2 Marshal: a non-empty document always ends with one newline. */
const yamlDocument = (value: GoValue): string => `${formatYaml(value).toString()}\n`;

const trimNewlines = (text: string): string => text.replace(/^\n+|\n+$/g, '');

/**
 * Juju's printPlainOutput. One task: its results as YAML (after `Action id N failed: …` when it
 * failed), then its stdout and stderr. Several: a YAML map of unit → id, output, status.
 */
export function plainOutput(tasks: Record<string, TaskInfo>): string {
  const summaries: Record<string, TaskInfo> = {};
  let stdout = '';
  let stderr = '';
  for (const [unit, task] of Object.entries(tasks)) {
    const results = task.results as TaskInfo | undefined;
    let output: string;
    if (results) {
      const shown: TaskInfo = {};
      for (const [name, value] of Object.entries(results)) {
        const key = name.toLowerCase();
        if (key === 'stdout' && value !== '') stdout = String(value);
        if (key === 'stderr' && value !== '') stderr = String(value);
        if (!ownKeys.has(key)) shown[key] = value;
      }
      output = Object.keys(shown).length > 0 ? yamlDocument(shown) : '';
    } else {
      output = `Task ${String(task.id)} ${String(task.status)}\n`;
    }
    summaries[unit] = { id: task.id, output, status: task.status, ...('message' in task ? { message: task.message } : {}) };
  }
  if (Object.keys(summaries).length > 1) return yamlDocument(summaries);
  let out = '';
  for (const summary of Object.values(summaries)) {
    // Go prints a missing message as <nil>.
    if (summary.status === 'failed') out += `Action id ${String(summary.id)} failed: ${String(summary.message ?? '<nil>')}\n`;
    out += `${String(summary.output)}\n`;
  }
  if (stdout !== '') out += `${trimNewlines(stdout)}\n`;
  if (stderr !== '') out += `${trimNewlines(stderr)}\n`;
  return out;
}

/** Juju's error when tasks end with a return code of 1 or more; `run` and `exec` share it. */
export function failedTasksMessage(failed: Array<{ id: string | number; code: number }>): string {
  const lines = failed.map((f) => ` - id "${f.id}" with return code ${f.code}`).sort();
  const plural = lines.length > 1 ? 's' : '';
  return `the following task${plural} failed:\n${lines.join('\n')}\n\nuse 'juju show-task' to inspect the failure${plural}\n`;
}
