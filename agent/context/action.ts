// The action half of a hook context (Juju's ActionData): the params the action was queued with,
// the results, message and failure it sets through the action tools, and what the runner adds
// to the results once the process has ended (return-code, stdout, stderr).

export type ActionResults = Record<string, unknown>;

const isMap = (value: unknown): value is ActionResults => typeof value === 'object' && value !== null && !Array.isArray(value);

const LF = Buffer.from('\n');

/**
 * The output as Juju's hook logger hands it to the action's results: read line by line, a
 * line's `\r\n` or `\n` becomes `\n`, and a last line without one gets it.
 */
export function capturedOutput(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let start = 0; start < data.length; ) {
    const newline = data.indexOf(0x0a, start);
    const end = newline < 0 ? data.length : newline;
    const line = data.subarray(start, newline >= 0 && end > start && data[end - 1] === 0x0d ? end - 1 : end);
    parts.push(line, LF);
    start = end + 1;
  }
  return Buffer.concat(parts);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Juju's encodeBytes: the text itself when it is UTF-8, else its base64. */
function encodeBytes(data: Buffer): { value: string; encoding: 'utf8' | 'base64' } {
  try {
    return { value: utf8.decode(data), encoding: 'utf8' };
  } catch {
    return { value: data.toString('base64'), encoding: 'base64' };
  }
}

export class ActionState {
  private readonly resultsMap: ActionResults = {};
  message = '';
  failed = false;

  constructor(
    readonly id: number,
    readonly name: string,
    private readonly queuedParams: Record<string, unknown>,
  ) {}

  params(): Record<string, unknown> {
    return structuredClone(this.queuedParams);
  }

  /** Sets a value at a dotted path: a scalar on the way becomes a map, a map at the end is replaced. */
  setResult(keys: string[], value: unknown): void {
    let target = this.resultsMap;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (!isMap(next)) target[key] = {};
      target = target[key] as ActionResults;
    }
    target[keys[keys.length - 1]] = value;
  }

  /**
   * Juju's updateActionResults after the process: return-code always, the streams when not
   * empty. A handler's output is captured line by line, as Juju's hook logger reads it; the
   * commands of a juju-exec task hand theirs over as they wrote it (`raw`).
   */
  setProcessOutput(code: number, stdout: Buffer, stderr: Buffer, capture: 'lines' | 'raw' = 'lines'): void {
    this.setResult(['return-code'], code);
    for (const [name, data] of [['stdout', stdout], ['stderr', stderr]] as const) {
      const { value, encoding } = encodeBytes(capture === 'raw' ? data : capturedOutput(data));
      if (value !== '') this.setResult([name], value);
      if (encoding !== 'utf8') this.setResult([`${name}-encoding`], encoding);
    }
  }

  /** The results so far; null when there are none. */
  results(): ActionResults | null {
    return Object.keys(this.resultsMap).length === 0 ? null : structuredClone(this.resultsMap);
  }
}
