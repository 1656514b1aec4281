// network-get <binding> [-r <id>] [--bind-address] [--ingress-address] [--egress-subnets]: the
// network config of an endpoint binding, whole or one part of it.

import { checkEmpty, type ToolCommand, type ToolInfo, type ToolFactory } from '../cmd.js';
import type { ToolIO } from '../../core/tool-io.js';
import type { ContextNetworking, ContextRelationHook, ContextRelations, NetworkInfo } from '../../core/hook-context.js';
import { goQuote, type FlagRef, type FlagSet } from '../../core/gnuflag.js';
import { GoStruct, type GoValue } from '../../core/format.js';
import { Output } from '../output.js';
import { RelationIdValue } from '../relation-id.js';

type NetworkGetContext = ContextNetworking & ContextRelations & ContextRelationHook;

export class NetworkGetCommand implements ToolCommand {
  private readonly out = new Output();
  private readonly relation: RelationIdValue;
  private primaryAddress!: FlagRef<boolean>;
  private bindAddress!: FlagRef<boolean>;
  private ingressAddress!: FlagRef<boolean>;
  private egressSubnets!: FlagRef<boolean>;
  private binding = '';
  /** The parts asked for, in Juju's order. */
  private keys: string[] = [];

  constructor(private readonly ctx: NetworkGetContext) {
    this.relation = new RelationIdValue(ctx);
  }

  info(): ToolInfo {
    return {
      name: 'network-get',
      args: '<binding-name> [--ingress-address] [--bind-address] [--egress-subnets]',
      purpose: 'Print the network config of an endpoint binding.',
      doc: [
        "Prints the binding's network config: its interfaces and their addresses",
        '(bind-addresses), the addresses other units should connect to (ingress-addresses)',
        'and the subnets its traffic comes from (egress-subnets). Given one of the options',
        'below, prints just that value; given several, a map of them.',
        '    --bind-address: the address to listen on, also the one to tell peers',
        '    --ingress-address: the address to advertise for incoming connections',
        '    --egress-subnets: the subnets (CIDR) outgoing traffic comes from',
        'With -r the answer is the one for that relation (it differs across models).',
      ].join('\n'),
      examples: `
    network-get db --ingress-address
    network-get --format=json -r 3 db
`,
    };
  }

  setFlags(f: FlagSet): void {
    this.out.addFlags(f);
    this.primaryAddress = f.bool(['primary-address'], false, 'Deprecated: print the first address of the binding');
    this.bindAddress = f.bool(['bind-address'], false, 'Print the address to listen on');
    this.ingressAddress = f.bool(['ingress-address'], false, 'Print the address to advertise');
    this.egressSubnets = f.bool(['egress-subnets'], false, 'Print the egress subnets');
    f.var(['r', 'relation'], this.relation, 'Specify a relation by id');
  }

  init(args: string[]): void {
    if (args.length < 1) throw new Error('no arguments specified');
    this.binding = args[0];
    if (this.binding === '') throw new Error('no binding name specified');
    this.keys = [];
    if (this.bindAddress.value) this.keys.push('bind-address');
    if (this.ingressAddress.value) this.keys.push('ingress-address');
    if (this.egressSubnets.value) this.keys.push('egress-subnets');
    checkEmpty(args.slice(1));
  }

  run(io: ToolIO): void {
    const relationId = this.relation.id === -1 ? undefined : this.relation.id;
    const infos = this.ctx.networkInfo([this.binding], relationId);
    const info = Object.hasOwn(infos, this.binding) ? infos[this.binding] : undefined;
    if (info === undefined || info.bindAddresses.length === 0) {
      throw new Error(`no network config found for binding ${goQuote(this.binding)}`);
    }
    if (!this.primaryAddress.value && this.keys.length === 0) {
      this.out.write(io, this.display(info));
      return;
    }
    if (this.primaryAddress.value) {
      if (this.keys.length > 0) throw new Error('--primary-address must be the only flag specified');
      this.out.write(io, this.firstAddress(info));
      return;
    }
    const values: Record<string, GoValue> = {};
    if (this.egressSubnets.value) values['egress-subnets'] = this.list(info.egressSubnets);
    if (this.ingressAddress.value) values['ingress-address'] = info.ingressAddresses[0] ?? this.firstAddress(info);
    // Juju's agent would panic here on a binding without addresses; this reports it instead.
    if (this.bindAddress.value) values['bind-address'] = this.firstAddress(info);
    this.out.write(io, this.keys.length === 1 ? values[this.keys[0]] : values);
  }

  private firstAddress(info: NetworkInfo): string {
    const address = info.bindAddresses[0].addresses[0];
    if (address === undefined) throw new Error(`no addresses attached to space for binding ${goQuote(this.binding)}`);
    return address.value;
  }

  /**
   * An empty list reaches Juju's tool as a nil []string (the API omits it), which json prints as
   * null while yaml prints [] and smart nothing.
   */
  private list(items: string[]): GoValue {
    return items.length === 0 && this.out.name === 'json' ? null : items;
  }

  /**
   * Juju's display structs: empty lists are left out, and yaml (smart too) repeats three fields
   * under their older names for old readers.
   */
  private display(info: NetworkInfo): GoStruct {
    const legacy = this.out.name !== 'json';
    const address = (a: NetworkInfo['bindAddresses'][number]['addresses'][number]): GoStruct => {
      const fields: Array<[string, GoValue]> = [
        ['hostname', a.hostname],
        ['value', a.value],
        ['cidr', a.cidr],
      ];
      if (legacy) fields.push(['address', a.value]);
      return new GoStruct(fields);
    };
    const device = (d: NetworkInfo['bindAddresses'][number]): GoStruct => {
      const fields: Array<[string, GoValue]> = [
        ['mac-address', d.macAddress],
        ['interface-name', d.interfaceName],
        ['addresses', d.addresses.map(address)],
      ];
      if (legacy) fields.push(['macaddress', d.macAddress], ['interfacename', d.interfaceName]);
      return new GoStruct(fields);
    };
    const fields: Array<[string, GoValue[]]> = [
      ['bind-addresses', info.bindAddresses.map(device)],
      ['egress-subnets', info.egressSubnets],
      ['ingress-addresses', info.ingressAddresses],
    ];
    return new GoStruct(fields.filter(([, items]) => items.length > 0));
  }
}

export const networkGet: ToolFactory = (ctx) => new NetworkGetCommand(ctx);
