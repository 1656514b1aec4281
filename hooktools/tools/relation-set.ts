// relation-set [-r <id>] [--app] [--file <path>|-] [key=value…]: buffer writes to a relation
// databag. The writes reach the controller only when the hook exits 0.

import { annotate } from '../annotate.js';
import type { ToolCommand, ToolInfo, ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextLeadership, ContextRelation, ContextRelationHook, ContextRelations, Settings } from '../../core/hook-context.js';
import { FileVar } from '../file-var.js';
import type { FlagRef, FlagSet } from '../../core/gnuflag.js';
import { parseKeyValues } from '../keyvalues.js';
import { RelationIdValue } from '../relation-id.js';
import { unmarshalStringMap } from '../../core/yaml/string-map.js';

type RelationSetContext = ContextLeadership & ContextRelations & ContextRelationHook;

export class RelationSetCommand implements ToolCommand {
  private readonly relation: RelationIdValue;
  private readonly file = new FileVar();
  private app!: FlagRef<boolean>;
  private format!: FlagRef<string>;
  private pairs: Record<string, string> = {};

  constructor(private readonly ctx: RelationSetContext) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'relation-set',
      args: 'key=value [key=value ...]',
      purpose: 'Write relation settings.',
      doc: [
        "Changes this unit's databag in a relation (the hook's relation unless -r is given), or",
        'with --app the application databag, which only the leader may write. Values are',
        'stored as plain strings; an empty value removes the key. A key may be given once.',
        'The changes are sent when the hook succeeds and are visible to relation-get at once.',
        '',
        'Settings too long for a command line go in a YAML (or JSON) map passed with --file;',
        '"--file -" reads that map from standard input. key=value arguments override keys',
        'from the file.',
      ].join('\n'),
      // Help prints examples as given; Juju's open with a blank line.
      examples: `
    relation-set port=5432 host=10.0.0.7
    relation-set -r db:3 --app password=
    echo '{"config": "a long value"}' | relation-set --file -
`,
    };
  }

  setFlags(f: FlagSet): void {
    f.var(['r', 'relation'], this.relation, 'Specify a relation by id');
    f.var(['file'], this.file, 'Read settings from a YAML map in this file ("-" for stdin)');
    this.app = f.bool(['app'], false, 'Write the application databag instead of the unit databag');
    this.format = f.string(['format'], '', 'Deprecated and ignored');
  }

  init(args: string[]): void {
    this.relation.requireId();
    this.pairs = parseKeyValues(args, true);
  }

  run(io: ToolIO): void {
    if (this.format.value !== '') {
      io.stderr.write('--format flag deprecated for command "relation-set"');
    }
    const changes = this.file.path === '' ? new Map<string, string>() : unmarshalStringMap(this.file.read(io));
    for (const [key, value] of Object.entries(this.pairs)) changes.set(key, value);

    const bag = this.databag(this.ctx.relation(this.relation.id));
    for (const [key, value] of changes) {
      if (value === '') bag.delete(key);
      else bag.set(key, value);
    }
  }

  private databag(r: ContextRelation): Settings {
    if (!this.app.value) return annotate('cannot read relation settings', () => r.settings());
    if (!annotate('cannot determine leadership status', () => this.ctx.isLeader())) {
      throw new Error('cannot write relation settings');
    }
    return annotate('cannot read relation application settings', () => r.applicationSettings());
  }
}

export const relationSet: ToolFactory = (ctx) => new RelationSetCommand(ctx);
