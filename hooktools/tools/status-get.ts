// status-get [--include-data] [--application]: the workload status of this unit, or of the
// application and all its units.

import { annotate } from '../annotate.js';
import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import { NeedClientStepError, type ToolIO } from '../../core/tool-io.js';
import type { ContextStatus, StatusInfo } from '../../core/hook-context.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { GoFloat, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';

export class StatusGetCommand implements ToolCommand {
  private readonly out = new Output();
  private includeData!: FlagRef<boolean>;
  private application!: FlagRef<boolean>;

  constructor(private readonly ctx: ContextStatus) {}

  info(): ToolInfo {
    return {
      name: 'status-get',
      args: '[--include-data] [--application]',
      purpose: 'Print the workload status.',
      doc: [
        "Prints this unit's workload status, e.g. \"maintenance\". With --include-data, or",
        'with --format yaml or json, prints a map; --include-data adds the message and the',
        'status data. With --application the leader gets the application status and the',
        'status of each of its units.',
      ].join('\n'),
      examples: `
    status-get
    status-get --include-data --format=json
    status-get --application
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.includeData = f.bool(['include-data'], false, 'Include the message and status data');
    this.application = f.bool(['application'], false, "Print the application's status (leader only)");
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const justStatus = !this.includeData.value && this.out.name === 'smart';
    if (this.application.value) {
      const { application, units } = annotate('finding application status', () => this.ctx.applicationStatus());
      if (justStatus) {
        this.out.write(io, application.status);
        return;
      }
      const details = this.details(application);
      details['units'] = Object.fromEntries(units.map((unit) => [unit.unit, this.details(unit)]));
      this.writeMap(io, { 'application-status': details });
      return;
    }
    const unit = annotate('finding workload status', () => this.ctx.unitStatus());
    if (justStatus) {
      this.out.write(io, unit.status);
      return;
    }
    this.writeMap(io, this.details(unit));
  }

  private details(info: StatusInfo): Record<string, GoValue> {
    if (!this.includeData.value) return { status: info.status };
    return { status: info.status, message: info.info, 'status-data': goValue(info.data) };
  }

  /** Juju ignores a failure to write the map forms (an unwritable -o file still exits 0). */
  private writeMap(io: ToolIO, value: Record<string, GoValue>): void {
    try {
      this.out.write(io, value);
    } catch (err) {
      // Juju discards this error too; a step the client has yet to take is not one.
      if (err instanceof NeedClientStepError) throw err;
    }
  }
}

/** Status data as Juju's agent decodes it from JSON: numbers are float64, maps sort their keys. */
function goValue(v: unknown): GoValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return new GoFloat(v);
  if (Array.isArray(v)) return v.map(goValue);
  return Object.fromEntries(Object.entries(v as object).map(([key, value]) => [key, goValue(value)]));
}

export const statusGet: ToolFactory = (ctx) => new StatusGetCommand(ctx);
