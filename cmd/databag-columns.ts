// `show`'s human rendering: each relation as two columns side by side, the provider's on the
// left, each with its endpoint, role, leader, application databag and unit databags. It fits the
// width it is given: long values wrap, and past a few lines are cut short with a hint. Colour is
// the caller's choice (a terminal), and never counts toward a line's width.
import type { ShownEndpoint, ShownRelation } from '../agent/control/protocol.js';
import { paint as painted, type Style } from './ansi.js';

/** The keys Juju itself writes into a unit's databag on scope entry. */
export const jujuKeys = new Set(['private-address', 'ingress-address', 'egress-subnets']);

interface Line {
  text: string;
  style?: Style;
}

/** The leader's unit is green, hints yellow. */
const leaderStyle: Style = 'green';
const hintStyle: Style = 'yellow';

export interface ColumnOptions {
  width: number;
  colour: boolean;
  showJujuKeys: boolean;
}

/** A value longer than this many lines is cut short. */
const maxValueLines = 4;
const separator = ' │ ';
const indent = '  ';
const continuation = '    ';

/** Splits text into pieces of at most width characters, the later ones indented. */
function wrap(first: string, rest: string[], width: number): string[] {
  const out: string[] = [];
  const fit = (line: string, lead: string): void => {
    let remaining = line;
    let prefix = '';
    while (prefix.length + remaining.length > width) {
      const room = Math.max(1, width - prefix.length);
      out.push(prefix + remaining.slice(0, room));
      remaining = remaining.slice(room);
      prefix = lead;
    }
    out.push(prefix + remaining);
  };
  fit(first, continuation);
  for (const line of rest) fit(continuation + line, continuation);
  return out;
}

interface Rendered {
  lines: Line[];
  /** Whether a value was cut short. */
  elided: boolean;
}

function databag(data: Record<string, string>, width: number, opts: ColumnOptions): Rendered {
  const keys = Object.keys(data)
    .filter((k) => opts.showJujuKeys || !jujuKeys.has(k))
    .sort();
  if (keys.length === 0) return { lines: [{ text: `${indent}{}`, style: 'dim' }], elided: false };
  let elided = false;
  const lines = keys.flatMap((key): Line[] => {
    const [first, ...rest] = data[key].split('\n');
    const style: Style | undefined = jujuKeys.has(key) ? 'dim' : undefined;
    const pieces = wrap(`${indent}${key}: ${first}`, rest, width).map((text) => ({ text, style }));
    if (pieces.length <= maxValueLines) return pieces;
    elided = true;
    const hidden = pieces.length - (maxValueLines - 1);
    const hint = `${continuation}… ${hidden} more line${hidden === 1 ? '' : 's'}`.slice(0, width);
    return [...pieces.slice(0, maxValueLines - 1), { text: hint, style: hintStyle }];
  });
  return { lines, elided };
}

/** One side of a relation as blocks that line up with the other side's: head, application data, units. */
function side(e: ShownEndpoint, width: number, opts: ColumnOptions): { blocks: Line[][]; elided: boolean } {
  const cut = (text: string): string => text.slice(0, width);
  const fits = (text: string): string | undefined => (text.length <= width ? text : undefined);
  const app = databag(e['application-data'], width, opts);
  let elided = app.elided;
  const units = Object.entries(e['units-data']).flatMap(([unit, data]) => {
    const bag = databag(data, width, opts);
    elided ||= bag.elided;
    const leader = unit === e.leader;
    return [{ text: cut(`${unit}${leader ? '*' : ''} unit data`), style: leader ? leaderStyle : ('bold' as const) }, ...bag.lines];
  });
  const head = [
    { text: cut(`${e.application}:${e.endpoint}`), style: 'bold' as const },
    { text: cut(fits(`${e.role}, leader ${e.leader ?? 'none'}`) ?? `${e.role}, leader marked *`), style: 'dim' as const },
  ];
  return { blocks: [head, [{ text: cut('application data'), style: 'bold' }, ...app.lines], units], elided };
}

const paint = (line: Line, colour: boolean): string => painted(line.text, line.style, colour);

function relation(r: ShownRelation, opts: ColumnOptions): { text: string; elided: boolean } {
  const title = paint({ text: `relation ${r.id} [${r.interface}]`.slice(0, opts.width), style: 'bold' }, opts.colour);
  if (r.endpoints.length === 1) {
    const only = side(r.endpoints[0], opts.width, opts);
    return { text: `${title}\n${only.blocks.flat().map((l) => paint(l, opts.colour)).join('\n')}\n`, elided: only.elided };
  }
  const width = Math.floor((opts.width - separator.length) / 2);
  const [left, right] = r.endpoints.map((e) => side(e, width, opts));
  const rows = left.blocks.flatMap((block, b) => {
    const other = right.blocks[b];
    return Array.from({ length: Math.max(block.length, other.length) }, (_, i) => {
      const l = block[i] ?? { text: '' };
      const rt = other[i];
      const padded = paint(l, opts.colour) + ' '.repeat(width - l.text.length);
      return rt === undefined ? `${padded}${separator}`.trimEnd() : `${padded}${separator}${paint(rt, opts.colour)}`;
    });
  });
  return { text: `${title}\n${rows.join('\n')}\n`, elided: left.elided || right.elided };
}

export function renderRelations(relations: ShownRelation[], opts: ColumnOptions): string {
  if (relations.length === 0) return 'No relations.\n';
  const shown = relations.map((r) => relation(r, opts));
  const hint = shown.some((s) => s.elided) ? `\n${paint({ text: '… cut short: --format json shows all', style: hintStyle }, opts.colour)}\n` : '';
  return shown.map((s) => s.text).join('\n') + hint;
}
