// An in-memory HookContext for hook-tool tests, with the permission rules of the real one
// (agent/context): own databags are buffered views, other databags are read "from the
// controller", and a non-leader may not touch its own application databag on a non-peer relation.
// Also a ToolIO that records what a tool writes, and a one-call runner.

import { closeSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCommand } from '../../hooktools/cmd.js';
import { toolIO, type ClientSteps, type StepOutcome, type ToolIO } from '../../core/tool-io.js';
import {
  type ConfigOption,
  type ConfigValue,
  type ContextRelation,
  type ContextSecrets,
  type GoalState,
  type HookContext,
  type NetworkInfo,
  type PortRange,
  type Settings,
  type StatusInfo,
  type StorageAttachment,
} from '../../core/hook-context.js';
import { goFileCall, readGoFile } from '../../core/go-file.js';
import type { ToolFactory } from '../../hooktools/registry.js';
import { FakeSecrets } from './fakes/secrets.js';
import { JujuSimError, NotFoundError } from '../../core/errors.js';

export interface FakeRelationSpec {
  id: number;
  endpoint: string;
  /** The application on the other side; for a peer relation, the unit's own application. */
  remoteApp: string;
  peer?: boolean;
  /** Remote units in scope, as relation-list shows them. */
  members?: string[];
  /** Dead relations are tracked but not listed by relationIds(). */
  dead?: boolean;
  /** Databags as the controller holds them, keyed by unit or application name. */
  bags?: Record<string, Record<string, string>>;
}

export interface FakeContextSpec {
  unit: string;
  /** A string makes isLeader() fail with that message. */
  leader?: boolean | string;
  relations?: FakeRelationSpec[];
  /** The relation of the running relation hook. */
  hookRelation?: number;
  remoteUnit?: string;
  remoteApp?: string;
  config?: Record<string, ConfigValue>;
  /** 10.0.0.1 unless given. */
  privateAddress?: string;
  storage?: Record<string, StorageAttachment>;
  /** The secrets slice; an empty store unless given. */
  secrets?: FakeSecrets;
}

const MODEL_UUID = 'deadbeef-0bad-400d-8000-4b1d0000beef';

/** A databag view with this hook's writes buffered over it. */
class FakeSettings implements Settings {
  /** Buffered writes; '' marks a deletion, as the commit sends it. */
  readonly pending = new Map<string, string>();

  constructor(private readonly base: Record<string, string>) {}

  map(): Record<string, string> {
    const view: Record<string, string> = { ...this.base };
    for (const [key, value] of this.pending) {
      if (value === '') delete view[key];
      else view[key] = value;
    }
    return view;
  }

  set(key: string, value: string): void {
    this.pending.set(key, value);
  }

  delete(key: string): void {
    this.pending.set(key, '');
  }
}

class FakeRelation implements ContextRelation {
  ownSettings?: FakeSettings;
  ownAppSettings?: FakeSettings;

  constructor(
    readonly spec: FakeRelationSpec,
    private readonly ctx: FakeContext,
  ) {}

  id(): number {
    return this.spec.id;
  }

  name(): string {
    return this.spec.endpoint;
  }

  fakeId(): string {
    return `${this.spec.endpoint}:${this.spec.id}`;
  }

  unitNames(): string[] {
    return [...(this.spec.members ?? [])].sort();
  }

  remoteApplicationName(): string {
    return this.spec.remoteApp;
  }

  isPeer(): boolean {
    return this.spec.peer ?? false;
  }

  private bag(holder: string): Record<string, string> | undefined {
    const bag = this.spec.bags?.[holder];
    return bag && { ...bag };
  }

  settings(): Settings {
    this.ownSettings ??= new FakeSettings(this.bag(this.ctx.unitName()) ?? {});
    return this.ownSettings;
  }

  applicationSettings(): Settings {
    if (!this.ctx.isLeader()) throw new JujuSimError('permission denied');
    this.ownAppSettings ??= new FakeSettings(this.bag(this.ctx.applicationName()) ?? {});
    return this.ownAppSettings;
  }

  readSettings(unitName: string): Record<string, string> {
    const app = unitName.split('/')[0];
    if (app !== this.spec.remoteApp && app !== this.ctx.applicationName()) throw new JujuSimError('permission denied');
    const bag = this.bag(unitName);
    if (!bag) {
      throw new JujuSimError(
        `cannot read settings for unit "${unitName}" in relation "${this.fakeId()}": unit "${unitName}": settings not found`,
      );
    }
    return bag;
  }

  readApplicationSettings(appName: string): Record<string, string> {
    const allowed = this.isPeer() ? appName === this.ctx.applicationName() : appName === this.spec.remoteApp;
    if (!allowed) throw new JujuSimError('permission denied');
    return this.bag(appName) ?? {};
  }

  remoteModelUUID(): string {
    return MODEL_UUID;
  }
}

export class FakeContext implements HookContext {
  private readonly relations = new Map<number, FakeRelation>();
  private status: StatusInfo = { status: 'unknown', info: '', data: {} };
  private leaderData: Record<string, string> = {};
  private charmState: Record<string, string> = {};
  private readonly ports = new Map<string, PortRange[]>();
  readonly logs: Array<{ level: string; message: string }> = [];
  workloadVersion = '';
  reboot: 'none' | 'after-hook' | 'now' = 'none';
  readonly addedStorage: Array<Record<string, number>> = [];

  constructor(private readonly spec: FakeContextSpec) {
    for (const r of spec.relations ?? []) this.relations.set(r.id, new FakeRelation(r, this));
    const secrets = spec.secrets ?? new FakeSecrets();
    this.getSecret = secrets.getSecret.bind(secrets);
    this.createSecret = secrets.createSecret.bind(secrets);
    this.updateSecret = secrets.updateSecret.bind(secrets);
    this.removeSecret = secrets.removeSecret.bind(secrets);
    this.grantSecret = secrets.grantSecret.bind(secrets);
    this.revokeSecret = secrets.revokeSecret.bind(secrets);
    this.secretMetadata = secrets.secretMetadata.bind(secrets);
  }

  readonly getSecret: ContextSecrets['getSecret'];
  readonly createSecret: ContextSecrets['createSecret'];
  readonly updateSecret: ContextSecrets['updateSecret'];
  readonly removeSecret: ContextSecrets['removeSecret'];
  readonly grantSecret: ContextSecrets['grantSecret'];
  readonly revokeSecret: ContextSecrets['revokeSecret'];
  readonly secretMetadata: ContextSecrets['secretMetadata'];

  applicationName(): string {
    return this.spec.unit.split('/')[0];
  }

  /** The writes relation-set buffered in one relation, deletions as ''. */
  pending(id: number): { unit: Record<string, string>; app: Record<string, string> } {
    const r = this.relations.get(id);
    return {
      unit: Object.fromEntries(r?.ownSettings?.pending ?? []),
      app: Object.fromEntries(r?.ownAppSettings?.pending ?? []),
    };
  }

  unitName(): string {
    return this.spec.unit;
  }

  configSettings(): Record<string, ConfigValue> {
    return { ...(this.spec.config ?? {}) };
  }

  configOptions(): Record<string, ConfigOption> {
    return {};
  }

  unitStatus(): StatusInfo {
    return this.status;
  }

  applicationStatus(): { application: StatusInfo; units: Array<StatusInfo & { unit: string }> } {
    return { application: this.status, units: [{ ...this.status, unit: this.spec.unit }] };
  }

  setUnitStatus(status: StatusInfo): void {
    this.status = status;
  }

  setApplicationStatus(status: StatusInfo): void {
    if (!this.isLeader()) throw new JujuSimError('this unit is not the leader');
    this.status = status;
  }

  isLeader(): boolean {
    const leader = this.spec.leader ?? false;
    if (typeof leader === 'string') throw new JujuSimError(leader);
    return leader;
  }

  leaderSettings(): Record<string, string> {
    return { ...this.leaderData };
  }

  writeLeaderSettings(settings: Record<string, string>): void {
    if (!this.isLeader()) throw new JujuSimError('cannot write settings: not the leader');
    this.leaderData = { ...this.leaderData, ...settings };
  }

  log(level: string, message: string): void {
    this.logs.push({ level, message });
  }

  setUnitWorkloadVersion(version: string): void {
    this.workloadVersion = version;
  }

  privateAddress(): string {
    return this.spec.privateAddress ?? '10.0.0.1';
  }

  publicAddress(): string {
    throw new JujuSimError('public address not found');
  }

  networkInfo(bindings: string[]): Record<string, NetworkInfo> {
    const address = this.privateAddress();
    const info: NetworkInfo = {
      bindAddresses: [
        { macAddress: '', interfaceName: 'eth0', addresses: [{ hostname: '', value: address, cidr: '10.0.0.0/24' }] },
      ],
      egressSubnets: [`${address}/32`],
      ingressAddresses: [address],
    };
    return Object.fromEntries(bindings.map((binding) => [binding, info]));
  }

  openPortRange(endpoint: string, range: PortRange): void {
    this.ports.set(endpoint, [...(this.ports.get(endpoint) ?? []), range]);
  }

  closePortRange(endpoint: string, range: PortRange): void {
    const same = (r: PortRange) => r.from === range.from && r.to === range.to && r.protocol === range.protocol;
    this.ports.set(endpoint, (this.ports.get(endpoint) ?? []).filter((r) => !same(r)));
  }

  openedPortRanges(): Record<string, PortRange[]> {
    return Object.fromEntries(this.ports);
  }

  getCharmState(): Record<string, string> {
    return { ...this.charmState };
  }

  setCharmStateValue(key: string, value: string): void {
    this.charmState[key] = value;
  }

  deleteCharmStateValue(key: string): void {
    delete this.charmState[key];
  }

  availabilityZone(): string {
    return '';
  }

  requestReboot(now: boolean): void {
    this.reboot = now ? 'now' : 'after-hook';
  }

  goalState(): GoalState {
    return { units: {}, relations: {} };
  }

  cloudSpec(): Record<string, unknown> {
    throw new JujuSimError('cannot access cloud credentials: application is not trusted');
  }

  actionParams(): Record<string, unknown> {
    throw new JujuSimError('not running an action');
  }

  updateActionResults(): void {
    throw new JujuSimError('not running an action');
  }

  setActionMessage(): void {
    throw new JujuSimError('not running an action');
  }

  setActionFailed(): void {
    throw new JujuSimError('not running an action');
  }

  logActionMessage(): void {
    throw new JujuSimError('not running an action');
  }

  storageIds(): string[] {
    return Object.keys(this.spec.storage ?? {}).sort();
  }

  storage(id: string): StorageAttachment {
    const attachment = this.spec.storage?.[id];
    if (!attachment) throw new NotFoundError(`storage instance "${id}"`);
    return attachment;
  }

  hookStorage(): string {
    return '';
  }

  addUnitStorage(constraints: Record<string, number>): void {
    this.addedStorage.push(constraints);
  }

  downloadResource(name: string): string {
    throw new JujuSimError(`resource "${name}" not found`);
  }

  relation(id: number): ContextRelation {
    const r = this.relations.get(id);
    if (!r) throw new NotFoundError('relation');
    return r;
  }

  relationIds(): number[] {
    return [...this.relations.values()]
      .filter((r) => !r.spec.dead)
      .map((r) => r.id())
      .sort((a, b) => a - b);
  }

  hookRelation(): ContextRelation | undefined {
    return this.spec.hookRelation === undefined ? undefined : this.relation(this.spec.hookRelation);
  }

  remoteUnitName(): string {
    return this.spec.remoteUnit ?? '';
  }

  remoteApplicationName(): string {
    return this.spec.remoteApp ?? '';
  }
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIOOptions {
  /** Absent: the client has not sent its stdin yet, so reading it asks for that step. */
  stdin?: string;
  /** The client has not read the files a tool reads yet, so reading one asks for that step.
   *  Otherwise it reads and writes the caller's files at once, on disk, with the real client's
   *  words for failures. */
  fileNotSent?: boolean;
  /** The caller's working directory; the system temporary directory by default. */
  dir?: string;
}

/** A step's outcome: what it read, or its failure. */
function outcome(step: () => Buffer): StepOutcome {
  try {
    return { error: '', data: step() };
  } catch (err) {
    return { error: (err as Error).message, data: Buffer.alloc(0) };
  }
}

/** os.Create and a write, as the client does them. */
function writeGoFile(path: string, data: Buffer): Buffer {
  const fd = goFileCall('open', path, () => openSync(path, 'w+', 0o666));
  try {
    goFileCall('write', path, () => writeFileSync(fd, data));
  } finally {
    closeSync(fd);
  }
  return Buffer.alloc(0);
}

/** A ToolIO whose client takes each step as soon as the tool needs it, and keeps what the tool writes. */
export function fakeIO(options: FakeIOOptions = {}): ToolIO & { out(): string; err(): string } {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const writer = (chunks: Buffer[]) => ({
    write: (data: string | Uint8Array) => void chunks.push(Buffer.from(data)),
  });
  const client: ClientSteps = (step) => {
    switch (step.kind) {
      case 'stdin':
        return options.stdin === undefined ? undefined : { error: '', data: Buffer.from(options.stdin) };
      case 'read':
        return options.fileNotSent ? undefined : outcome(() => readGoFile(step.path));
      case 'write':
        return outcome(() => writeGoFile(step.path, step.data));
    }
  };
  return {
    ...toolIO(options.dir ?? tmpdir(), client, writer(stdout), writer(stderr)),
    out: () => Buffer.concat(stdout).toString(),
    err: () => Buffer.concat(stderr).toString(),
  };
}

/** Builds the tool against ctx and runs it once, as the tool server would. */
export function runTool(factory: ToolFactory, ctx: HookContext, args: string[], options: FakeIOOptions = {}): ToolRun {
  const io = fakeIO(options);
  const code = runCommand(factory(ctx), args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
