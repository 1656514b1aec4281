// The hook journal as `history` prints it: each run's row with, under it, what it committed or
// discarded, and what it applied at once (leader settings, statuses), one line per databag and
// kind of change, cut to the width; and one run in full (`history --hook N`): its environment,
// every tool call, its process's output, its diff. On a terminal, a failed run is red and what
// it discarded dim.
import type { AppliedChanges, HookDiff, HookOutputLine, HookRunRecord, KeyChange, StatusChange } from '../agent/control/protocol.js';
import { paint } from './ansi.js';
import { statusBrief } from './model-diff.js';
import { table } from './output.js';

const quoted = (v: string): string => JSON.stringify(v);

/** A key's change in brief: +key=new, -key, key: old→new. */
const brief = (c: KeyChange): string =>
  c.old === undefined ? `+${c.key}=${quoted(c.new!)}` : c.new === undefined ? `-${c.key}` : `${c.key}=${quoted(c.old)}→${quoted(c.new)}`;

/** A status's change in brief: old→new. */
const statusChange = (c: StatusChange): string => `${c.old ? statusBrief(c.old) : '(none)'}→${c.new ? statusBrief(c.new) : '(none)'}`;

/** What the hook applied at once, one entry per kind of change, in brief. */
const appliedSummary = (applied: AppliedChanges | undefined): Array<[string, string[]]> => [
  ...(applied?.leaderSettings ? [['leader settings', applied.leaderSettings.map(brief)] as [string, string[]]] : []),
  ...(applied?.statuses ?? []).map((c): [string, string[]] => [`${c.kind === 'workload' ? 'workload status' : 'application status'} ${c.entity}`, [statusChange(c)]]),
];

/** What the diff's commit touched, one entry per databag or kind of change, with its keys in brief. */
function summary(diff: HookDiff): Array<[string, string[]]> {
  return [
    ...(diff.databags ?? []).map((d): [string, string[]] => [`relation ${d.relationId} ${d.kind} ${d.holder}`, d.keys.map(brief)]),
    ...(diff.charmState ? [['charm state', diff.charmState.map(brief)] as [string, string[]]] : []),
    ...(diff.openedPorts ? [['opened', diff.openedPorts] as [string, string[]]] : []),
    ...(diff.closedPorts ? [['closed', diff.closedPorts] as [string, string[]]] : []),
    ...(diff.secrets ? [['secrets', diff.secrets] as [string, string[]]] : []),
  ];
}

const cut = (line: string, width: number): string => (line.length <= width ? line : `${line.slice(0, width - 1)}…`);

/** The runs as a table, each followed by its diff in brief. */
export function journal(runs: HookRunRecord[], opts: { width: number; colour: boolean }): string {
  const { width, colour } = opts;
  if (runs.length === 0) return 'No hooks have run.\n';
  const rows = table([
    ['Seq', 'Unit', 'Hook', 'Remote', 'Outcome', 'Time'],
    ...runs.map((r) => [String(r.seq), r.unit, r.hook, r.remoteUnit ?? r.remoteApp ?? '', r.outcome, `${Math.round(r.ms)}ms`]),
  ]).split('\n');
  const out = [rows[0]];
  runs.forEach((r, i) => {
    out.push(paint(rows[i + 1], r.outcome === 'failed' ? 'red' : undefined, colour));
    if (!r.changes) return;
    const { fate } = r.changes;
    for (const [what, changes] of summary(r.changes)) out.push(paint(cut(`    ${fate}: ${what}: ${changes.join(' ')}`, width), fate === 'discarded' ? 'dim' : undefined, colour));
    for (const [what, changes] of appliedSummary(r.changes.applied)) out.push(cut(`    applied: ${what}: ${changes.join(' ')}`, width));
  });
  return `${out.join('\n')}\n`;
}

/** A key's change in full, on as many lines as its values have. */
function full(c: KeyChange): string[] {
  const value = (sign: string, v: string): string[] => v.split('\n').map((line, i) => (i === 0 ? `    ${sign} ${c.key}: ${line}` : `        ${line}`));
  return [...(c.old === undefined ? [] : value('-', c.old)), ...(c.new === undefined ? [] : value('+', c.new))];
}

/** A tool's output under its call, one line of it a line. */
const output = (stream: string, text: string | undefined): string[] =>
  text === undefined ? [] : text.replace(/\n$/, '').split('\n').map((line) => `      ${stream}: ${line}`);

/** One run in full. */
export function hookInFull(run: HookRunRecord & { output: HookOutputLine[] }): string {
  const env = [
    ['unit', run.unit],
    ['relation', run.relationId === null ? undefined : String(run.relationId)],
    ['remote unit', run.remoteUnit ?? undefined],
    ['remote application', run.remoteApp ?? undefined],
    ['departing unit', run.departingUnit ?? undefined],
  ].filter((e): e is [string, string] => e[1] !== undefined);
  const lines = [
    `hook ${run.seq}: ${run.hook}`,
    ...env.map(([k, v]) => `  ${k}: ${v}`),
    `  started: ${run.started}, ${Math.round(run.ms)}ms`,
    `  outcome: ${run.outcome}${run.code === null ? '' : ` (exit ${run.code})`}`,
    run.toolCalls.length === 0 ? 'tool calls: none' : 'tool calls:',
    ...run.toolCalls.flatMap((c) => [
      `  ${[c.tool, ...c.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')}  → exit ${c.code}`,
      ...output('stdout', c.stdout),
      ...output('stderr', c.stderr),
    ]),
    run.output.length === 0 ? 'output: none' : 'output:',
    ...run.output.map((o) => `  ${o.stream}: ${o.line}`),
  ];
  const { applied, ...buffered } = run.changes ?? { fate: 'committed' };
  if (Object.keys(buffered).length === 1) lines.push('changes: none');
  else {
    lines.push(`changes ${buffered.fate}:`);
    const d = buffered;
    for (const bag of d.databags ?? []) lines.push(`  relation ${bag.relationId} ${bag.kind} databag ${bag.holder}`, ...bag.keys.flatMap(full));
    if (d.charmState) lines.push('  charm state', ...d.charmState.flatMap(full));
    for (const p of d.openedPorts ?? []) lines.push(`  opened ${p}`);
    for (const p of d.closedPorts ?? []) lines.push(`  closed ${p}`);
    for (const s of d.secrets ?? []) lines.push(`  ${s}`);
  }
  if (applied) {
    lines.push('applied at once:');
    if (applied.leaderSettings) lines.push('  leader settings', ...applied.leaderSettings.flatMap(full));
    for (const [what, [change]] of appliedSummary({ statuses: applied.statuses })) lines.push(`  ${what}: ${change}`);
  }
  return `${lines.join('\n')}\n`;
}
