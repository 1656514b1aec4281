// relation-get [-r <id>] [--app] [<key>|-] [<unit or application>]: read a relation databag.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextLeadership, ContextRelation, ContextRelationHook, ContextRelations, ContextUnit } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { Output } from '../output.js';
import { isValidApplication, unitApplication } from '../../core/names.js';
import { RelationIdValue } from '../relation-id.js';

type RelationGetContext = ContextUnit & ContextLeadership & ContextRelations & ContextRelationHook;

export class RelationGetCommand implements ToolCommand {
  private readonly out = new Output();
  private readonly relation: RelationIdValue;
  private app!: FlagRef<boolean>;
  /** '' means every key. */
  private key = '';
  /** The unit or application whose databag is read. */
  private target = '';

  constructor(private readonly ctx: RelationGetContext) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    const remoteUnit = this.ctx.remoteUnitName();
    const details = [
      'Prints one key of a relation databag, or the whole databag as a map when the key is',
      'omitted or is "-". Values are always strings; a key that is not set prints nothing',
      '(json: null).',
      '',
      'The databag is the remote unit of the running hook unless a unit is named. Naming the',
      'local unit shows its own settings including this hook\'s relation-set changes. With',
      '--app the application databag is read: the remote application\'s by default, or the',
      'application of the named unit or application.',
    ];
    if (remoteUnit !== '') details.push(`Current default unit id is "${remoteUnit}".`);
    return {
      name: 'relation-get',
      args: remoteUnit !== '' ? '[<key> [<unit id>]]' : '<key> <unit id>',
      purpose: 'Read relation settings.',
      doc: details.join('\n'),
      // Help prints examples as given; Juju's open with a blank line.
      examples: `
    relation-get
    relation-get password
    relation-get -r db:4 - postgresql/1
    relation-get --app --format=json -
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    f.var(['r', 'relation'], this.relation, 'Specify a relation by id');
    this.app = f.bool(['app'], false, 'Read the application databag instead of a unit databag');
  }

  init(args: string[]): void {
    this.relation.requireId();
    const [key, given, ...extra] = args;
    this.key = key === undefined || key === '-' ? '' : key;
    this.target = this.determineTarget(given);
    checkEmpty(extra);
  }

  /** Juju 3.6's determineUnitOrAppName; it may switch on --app when only a remote app is known. */
  private determineTarget(given: string | undefined): string {
    if (given !== undefined) {
      if (!this.app.value) {
        if (unitApplication(given) !== undefined) return given;
        if (isValidApplication(given)) throw new Error(`expected unit name, got application name ${goQuote(given)}`);
        throw new Error(`invalid unit name ${goQuote(given)}`);
      }
      if (isValidApplication(given)) return given;
      // Neither an application nor a unit name leaves the target empty, as Juju does.
      return unitApplication(given) ?? '';
    }
    const remoteUnit = this.ctx.remoteUnitName();
    const remoteApp = this.ctx.remoteApplicationName();
    if (this.app.value) {
      if (remoteApp === '') throw new Error('no unit or application specified');
      return remoteApp;
    }
    if (remoteUnit !== '') return remoteUnit;
    if (remoteApp !== '') {
      this.app.value = true;
      return remoteApp;
    }
    throw new Error('no unit or application specified');
  }

  run(io: ToolIO): void {
    const settings = this.readSettings(this.ctx.relation(this.relation.id));
    if (this.key === '') {
      this.out.write(io, settings);
      return;
    }
    this.out.write(io, Object.hasOwn(settings, this.key) ? settings[this.key] : null);
  }

  private readSettings(r: ContextRelation): Record<string, string> {
    if (this.readsLocally()) {
      // The own unit name, or the own application on the leader (--app): the context's view,
      // pending writes included.
      return this.app.value ? r.applicationSettings().map() : r.settings().map();
    }
    return this.app.value ? r.readApplicationSettings(this.target) : r.readSettings(this.target);
  }

  private readsLocally(): boolean {
    const ownUnit = this.ctx.unitName();
    if (this.target === ownUnit) return true;
    if (this.target !== ownUnit.split('/')[0]) return false;
    try {
      return this.ctx.isLeader();
    } catch (err) {
      throw new Error(`cannot determine leadership status: ${(err as Error).message}`);
    }
  }
}

export const relationGet: ToolFactory = (ctx) => new RelationGetCommand(ctx);
