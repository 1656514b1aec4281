// `diff`'s human rendering: a head line (the hook run, or the two runs compared), then a section
// per thing that changed, each change on a line of its own marked + (added), - (removed) or ~
// (changed), cut to the width. A failed hook's buffered changes are marked discarded and dimmed;
// what it changed at once (leader settings, statuses) is not. Colour only when asked (a terminal).
import type { KeyChange, ModelDiff, StatusChange } from '../agent/control/protocol.js';
import { paint, type Style } from './ansi.js';

export interface DiffOptions {
  width: number;
  colour: boolean;
}

const quoted = (v: string): string => JSON.stringify(v);

/** A status in brief: `active`, or `blocked "no database"`. */
export const statusBrief = (s: { status: string; message: string }): string => (s.message === '' ? s.status : `${s.status} ${quoted(s.message)}`);

type Mark = '+' | '-' | '~';
const markStyle: Record<Mark, Style> = { '+': 'green', '-': 'red', '~': 'yellow' };

interface Change {
  mark: Mark;
  text: string;
}

const keyChange = (c: KeyChange): Change =>
  c.old === undefined
    ? { mark: '+', text: `${c.key}: ${quoted(c.new!)}` }
    : c.new === undefined
      ? { mark: '-', text: `${c.key}: ${quoted(c.old)}` }
      : { mark: '~', text: `${c.key}: ${quoted(c.old)} → ${quoted(c.new)}` };

const statusChange = (c: StatusChange): Change =>
  c.old === undefined
    ? { mark: '+', text: statusBrief(c.new!) }
    : c.new === undefined
      ? { mark: '-', text: statusBrief(c.old) }
      : { mark: '~', text: `${statusBrief(c.old)} → ${statusBrief(c.new)}` };

interface Section {
  title: string;
  changes: Change[];
  /** Buffered by a hook that failed: it never happened. */
  discarded?: boolean;
}

function sections(diff: ModelDiff): Section[] {
  const discarded = diff.run?.fate === 'discarded';
  const buffered = (s: Section): Section => (discarded ? { ...s, title: `${s.title} (discarded)`, discarded } : s);
  const ports = [...(diff.openedPorts ?? []).map((p): Change => ({ mark: '+', text: p })), ...(diff.closedPorts ?? []).map((p): Change => ({ mark: '-', text: p }))];
  return [
    ...(diff.relations ?? []).map((r): Section => ({
      title: `relation ${r.id} [${r.interface}] ${r.change}`,
      changes: [{ mark: r.change === 'added' ? '+' : '-', text: r.endpoints.join(' ') }],
    })),
    ...(diff.databags ?? []).map((d) => buffered({ title: `relation ${d.relationId} ${d.kind} ${d.holder}`, changes: d.keys.map(keyChange) })),
    ...(diff.leaderSettings ?? []).map((l): Section => ({ title: `leader settings ${l.application}`, changes: l.keys.map(keyChange) })),
    ...(diff.statuses ?? []).map((s): Section => ({ title: `${s.kind === 'workload' ? 'workload status' : 'application status'} ${s.entity}`, changes: [statusChange(s)] })),
    ...(diff.charmState ? [buffered({ title: `charm state`, changes: diff.charmState.map(keyChange) })] : []),
    ...(ports.length > 0 ? [buffered({ title: 'ports', changes: ports })] : []),
    ...(diff.secrets ? [buffered({ title: 'secrets', changes: diff.secrets.map((s): Change => ({ mark: '~', text: s })) })] : []),
  ];
}

const cut = (line: string, width: number): string => (line.length <= width ? line : `${line.slice(0, width - 1)}…`);

function head(diff: ModelDiff): string {
  if (!diff.run) return `from hook ${diff.from} to hook ${diff.to}`;
  const { seq, unit, hook, outcome, fate } = diff.run;
  return `hook ${seq}: ${unit} ${hook} (${outcome})${fate ? `, ${fate}` : ''}`;
}

export function renderDiff(diff: ModelDiff, opts: DiffOptions): string {
  const failed = diff.run !== undefined && diff.run.outcome === 'failed';
  const lines = [paint(cut(head(diff), opts.width), failed ? 'red' : 'bold', opts.colour)];
  const shown = sections(diff);
  if (shown.length === 0) lines.push('No changes.');
  for (const s of shown) {
    lines.push(paint(cut(s.title, opts.width), s.discarded ? 'dim' : 'bold', opts.colour));
    for (const c of s.changes) lines.push(paint(cut(`  ${c.mark} ${c.text}`, opts.width), s.discarded ? 'dim' : markStyle[c.mark], opts.colour));
  }
  return `${lines.join('\n')}\n`;
}
