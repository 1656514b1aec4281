// juju/cmd's Output: the --format / -o,--output pair a tool adds, and where its value goes.

import { formatters, type FormatName, type GoValue } from '../core/format.js';
import { goQuote, type FlagSet, type FlagValue } from '../core/gnuflag.js';
import { absPath } from '../core/go-file.js';
import type { ToolIO } from '../core/tool-io.js';

/** The value of --format: one of the formats the tool offers. */
class FormatValue implements FlagValue {
  constructor(
    public name: FormatName,
    readonly offered: FormatName[],
  ) {}
  set(text: string): void {
    if (!(this.offered as string[]).includes(text)) throw new Error(`unknown format ${goQuote(text)}`);
    this.name = text as FormatName;
  }
  toString(): string {
    return this.name;
  }
}

/** The --format / -o,--output pair a tool adds (cmd.Output). */
export class Output {
  private readonly format: FormatValue;
  private outputPath: { value: string } = { value: '' };

  constructor(defaultFormat: FormatName = 'smart', formats: FormatName[] = ['smart', 'yaml', 'json']) {
    this.format = new FormatValue(defaultFormat, formats);
  }

  /** The chosen format (Output.Name()): some tools print differently per format, as Juju's Go types do. */
  get name(): FormatName {
    return this.format.name;
  }

  addFlags(f: FlagSet): void {
    const choices = [...this.format.offered].sort().join('|');
    f.var(['format'], this.format, `Specify output format (${choices})`);
    this.outputPath = f.string(['o', 'output'], '', 'Specify an output file');
  }

  /** Formats value; if non-empty appends "\n"; writes to io.stdout or to the -o file. */
  write(io: ToolIO, value: GoValue): void {
    if (this.outputPath.value === '') {
      const data = this.render(value);
      if (data.length > 0) io.stdout.write(data);
      return;
    }
    io.createFile(absPath(io.dir, this.outputPath.value), () => this.render(value));
  }

  private render(value: GoValue): Buffer {
    const bytes = formatters[this.format.name](value);
    return bytes.length > 0 ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes;
  }
}
