// credential-get: the model's cloud spec and credential (the application must be trusted).

import { annotate } from '../annotate.js';
import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextInstance } from '../../core/hook-context.js';
import type { FlagSet } from '../../core/gnuflag.js';
import { GoStruct, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';

/** What cloudSpec() answers: Juju's params.CloudSpec under its JSON names, as charms read it. */
interface CloudSpec {
  type?: string;
  name?: string;
  region?: string;
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
  credential?: { 'auth-type'?: string; attrs?: Record<string, string>; redacted?: string[] };
  cacertificates?: string[];
  'skip-tls-verify'?: boolean;
  'is-controller-cloud'?: boolean;
}

/** One field of a Go struct that has JSON tags only: yaml.v2 names it by the lower-cased Go name. */
type Field = { json: string; yaml: string; value: GoValue; omitEmpty?: boolean };

export class CredentialGetCommand implements ToolCommand {
  private readonly out = new Output();

  constructor(private readonly ctx: ContextInstance) {}

  info(): ToolInfo {
    return {
      name: 'credential-get',
      purpose: "Print the model's cloud spec and credential.",
      doc: [
        "Prints the cloud the unit's model runs in (type, name, region, endpoints, CA",
        'certificates) with its credential. Only a trusted application (juju trust) may.',
      ].join('\n'),
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
  }

  init(args: string[]): void {
    checkEmpty(args);
  }

  run(io: ToolIO): void {
    const spec = annotate('cannot access cloud credentials', () => this.ctx.cloudSpec()) as CloudSpec;
    const json = this.out.name === 'json';
    // Go's zero values: yaml prints a nil map as {}, a nil slice as [] and a nil pointer as null.
    const credential = spec.credential
      ? goStruct(json, [
          { json: 'auth-type', yaml: 'authtype', value: spec.credential['auth-type'] ?? '' },
          { json: 'attrs', yaml: 'attributes', value: spec.credential.attrs ?? {}, omitEmpty: true },
          { json: 'redacted', yaml: 'redacted', value: spec.credential.redacted ?? [], omitEmpty: true },
        ])
      : null;
    this.out.write(
      io,
      goStruct(json, [
        { json: 'type', yaml: 'type', value: spec.type ?? '' },
        { json: 'name', yaml: 'name', value: spec.name ?? '' },
        { json: 'region', yaml: 'region', value: spec.region ?? '', omitEmpty: true },
        { json: 'endpoint', yaml: 'endpoint', value: spec.endpoint ?? '', omitEmpty: true },
        { json: 'identity-endpoint', yaml: 'identityendpoint', value: spec['identity-endpoint'] ?? '', omitEmpty: true },
        { json: 'storage-endpoint', yaml: 'storageendpoint', value: spec['storage-endpoint'] ?? '', omitEmpty: true },
        { json: 'credential', yaml: 'credential', value: credential, omitEmpty: true },
        { json: 'cacertificates', yaml: 'cacertificates', value: spec.cacertificates ?? [], omitEmpty: true },
        { json: 'skip-tls-verify', yaml: 'skiptlsverify', value: spec['skip-tls-verify'] ?? false, omitEmpty: true },
        { json: 'is-controller-cloud', yaml: 'iscontrollercloud', value: spec['is-controller-cloud'] ?? false, omitEmpty: true },
      ]),
    );
  }
}

/** The struct as encoding/json (tag names, omitempty) or yaml.v2 (every field) writes it. */
function goStruct(json: boolean, fields: Field[]): GoStruct {
  const shown = json ? fields.filter((f) => !(f.omitEmpty && isEmpty(f.value))) : fields;
  return new GoStruct(shown.map((f) => [json ? f.json : f.yaml, f.value]));
}

function isEmpty(v: GoValue): boolean {
  if (v === null || v === undefined || v === '' || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && !(v instanceof GoStruct) && Object.keys(v).length === 0;
}

export const credentialGet: ToolFactory = (ctx) => new CredentialGetCommand(ctx);
