// A model: the controller plus one unit agent per unit, and the scheduler that runs them.
// The model-changing operations (deploy, add-unit, integrate) only change the controller; the
// unit agents notice and queue the hooks Juju would run.
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { isValidApplication } from '../core/names.js';
import { copyCharm, deployCharm } from './charm/deployer.js';
import { readCharm, type CharmMeta } from './charm/metadata.js';
import { charmURL } from './controller/applications.js';
import { Controller } from './controller/controller.js';
import type { ApplicationRecord, RelationRecord, UnitRecord } from './controller/records.js';
import { uniterAPI } from './controller/uniter-api.js';
import { inferEndpoints, type Relatable } from './controller/endpoints.js';
import { JujuSimError, entityNotFound, applicationExists } from '../core/errors.js';
import { modelPaths, type ModelPaths } from './paths.js';
import { privateDir } from './private-files.js';
import { passThroughFrom } from './runner/environment.js';
import type { ForkServers } from './runner/fork-servers.js';
import { Scheduler, type Turn } from './scheduler.js';
import { SecretTimer } from './secret-timer.js';
import type { ContextRegistry } from './uniter/executor.js';
import { Uniter } from './uniter/uniter.js';

export interface ModelOptions {
  home: string;
  name: string;
  contexts: ContextRegistry;
  logger: Logger;
  toolSocket: string;
  toolsDir: string;
  /** How many operations may run at once, each of another unit. */
  maxParallelHooks: number;
  /** Fork servers for Python hooks, shared by the unit agents; absent when turned off. */
  forks?: ForkServers;
}

/**
 * Units one request may add. Every unit is a charm directory (an ops charm's venv is tens of
 * megabytes) and a unit agent, so a mistyped count must fail, not fill the disk.
 */
const maxUnitsPerRequest = 100;

/** `least`: a deploy may add no unit (a bundle's application without num_units); add-unit adds one at least. */
export function checkUnitCount(count: number, least: 0 | 1): void {
  if (!Number.isInteger(count) || count < least) {
    throw new JujuSimError(least === 0 ? '--num-units must be a whole number, 0 or more' : '--num-units must be a positive integer');
  }
  if (count > maxUnitsPerRequest) {
    throw new JujuSimError(`cannot add ${count} units: juju-sim adds at most ${maxUnitsPerRequest} units at a time`);
  }
}

/** A built charm to deploy, and where the user deployed it from. */
export interface CharmSource {
  /** The built charm directory. */
  dir: string;
  /** What the user named (a source tree, a .charm or a built directory), absolute; `export-bundle` writes it back. */
  path?: string;
  /** A prepared Python environment each unit sees at `../.venv`, where a built reactive charm's hooks look for it. */
  unitVenv?: string;
}

/** What `deploy` takes besides the charm, its units and its settings. */
export interface DeployExtras {
  /** `--resource name=file`: the files' content. */
  resources?: Record<string, Buffer>;
  /** `--trust`. */
  trust?: boolean;
}

/**
 * `--resource` names, checked against the charm as Juju's client checks them
 * (cmd/juju/resource CheckExpectedResources). An OCI image is a Kubernetes charm's, which
 * juju-sim does not run.
 */
function checkResources(meta: CharmMeta, resources: Record<string, Buffer>): void {
  const unknown = Object.keys(resources).filter((name) => !Object.hasOwn(meta.resources, name));
  if (unknown.length === 1) throw new JujuSimError(`unrecognized resource "${unknown[0]}"`);
  if (unknown.length > 1) throw new JujuSimError(`unrecognized resources: ${unknown.join(', ')}`);
  for (const name of Object.keys(resources)) {
    if (meta.resources[name].type === 'oci-image') {
      throw new JujuSimError(`resource "${name}" is an OCI image: not implemented in juju-sim, which runs machine charms only`);
    }
  }
}

/**
 * A subordinate charm's units live in its principals' containers, made as container-scoped
 * relations come; juju-sim does not do that yet, and says so rather than run it as a principal.
 */
export function checkPrincipal(meta: CharmMeta): void {
  if (meta.subordinate) throw new JujuSimError(`subordinate charms ("${meta.name}") are not implemented in juju-sim`);
}

export interface Deployed {
  application: string;
  units: string[];
  revision: number;
}

/** A unit that waits for the user: its hook failed, or its agent is failing. */
export interface UnitProblem {
  unit: string;
  message: string;
}

export class Model {
  readonly controller: Controller;
  readonly paths: ModelPaths;
  readonly scheduler: Scheduler;
  private readonly uniters = new Map<string, Uniter>();
  /** Releases the scheduler while the model is paused. */
  private unpause?: () => void;
  /** Kills the hook processes of the model's units (destroy-model --force). */
  private readonly halt = new AbortController();
  private readonly secretTimer: SecretTimer;

  constructor(private readonly options: ModelOptions) {
    this.paths = modelPaths(options.home, options.name);
    privateDir(this.paths.root);
    this.controller = new Controller(this.paths.controllerDb, options.name);
    this.scheduler = new Scheduler(() => [...this.uniters.values()], options.logger, { maxParallel: options.maxParallelHooks });
    if (this.controller.model().paused) this.unpause = this.scheduler.hold();
    for (const unit of this.controller.units.all()) this.startUniter(unit);
    this.secretTimer = new SecretTimer({
      next: () => this.controller.secrets.nextTrigger(),
      mayFire: () => this.updateStatusTimersMayFire(),
      onDue: () => this.scheduler.wake(),
    });
    this.controller.onChange(() => {
      this.secretTimer.reschedule();
      this.scheduler.wake();
    });
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * The daemon is stopping: no operation starts, running hook processes are killed (their
   * hooks commit nothing and run again when the model opens next, as after a Juju agent's
   * restart), and the model closes once none runs.
   */
  async shutdown(): Promise<void> {
    const idle = this.scheduler.stop();
    this.halt.abort();
    await idle;
    this.close();
  }

  close(): void {
    void this.scheduler.stop();
    this.secretTimer.stop();
    for (const uniter of this.uniters.values()) uniter.close();
    this.controller.close();
  }

  private startUniter(unit: UnitRecord): Uniter {
    const uniter = new Uniter(unit, {
      controller: uniterAPI(this.controller),
      contexts: this.options.contexts,
      logger: this.options.logger,
      toolSocket: this.options.toolSocket,
      toolsDir: this.options.toolsDir,
      agentPath: process.env.PATH ?? '/usr/bin:/bin',
      passThrough: passThroughFrom(process.env),
      charmDir: this.paths.unitCharmDir(unit.name),
      forks: this.options.forks,
      stateDb: this.paths.unitStateDb(unit.name),
      deployCharm: () => this.deployUnitCharm(unit.name),
      onTerminated: (name) => {
        this.uniters.get(name)?.close();
        this.uniters.delete(name);
        this.options.forks?.release(this.paths.unitCharmDir(name));
      },
      updateStatusTimerMayFire: () => this.updateStatusTimersMayFire(),
      wake: () => this.scheduler.wake(),
      signal: this.halt.signal,
    });
    this.uniters.set(unit.name, uniter);
    return uniter;
  }

  /**
   * Whether the unit agents' update-status timers may tick now. A paused model's time stands
   * still: its pause gates them here.
   */
  updateStatusTimersMayFire(): boolean {
    return !this.controller.model().paused;
  }

  /**
   * `update-status [unit|application]`: a tick of the update-status timer of the unit, of every
   * unit of the application, or of every unit of the model.
   */
  updateStatus(target?: string): void {
    let units: string[];
    if (target === undefined) units = [...this.uniters.keys()];
    else if (target.includes('/')) units = [this.controller.units.get(target).name];
    else units = this.controller.units.all(this.controller.applications.get(target).name).map((u) => u.name);
    for (const unit of units) this.uniter(unit).updateStatus();
  }

  /** `model-config key=value --reset key`: every unit agent's timer follows a new update-status interval at once. */
  updateModelConfig(set: Record<string, string>, reset: string[]): void {
    const before = this.controller.modelConfig.updateStatusHookInterval();
    this.controller.modelConfig.update(set, reset);
    if (this.controller.modelConfig.updateStatusHookInterval() === before) return;
    for (const uniter of this.uniters.values()) uniter.restartUpdateStatusTimer();
  }

  /** Every unit's agent. */
  unitAgents(): Uniter[] {
    return [...this.uniters.values()];
  }

  uniter(unit: string): Uniter {
    const uniter = this.uniters.get(unit);
    if (!uniter) throw entityNotFound('unit', unit);
    return uniter;
  }

  /**
   * `deploy`: copies the charm into the model, adds the application with its config and its
   * units. The config is checked against the charm's options already.
   */
  deploy(charm: CharmSource, application: string | undefined, numUnits: number, config: ApplicationRecord['config'] = {}, extras: DeployExtras = {}): Deployed {
    checkUnitCount(numUnits, 0);
    const meta = readCharm(charm.dir);
    checkPrincipal(meta);
    const resources = extras.resources ?? {};
    checkResources(meta, resources);
    const name = application ?? meta.name;
    if (!isValidApplication(name)) {
      throw new JujuSimError(`invalid application name "${name}"`);
    }
    if (this.controller.applications.has(name)) {
      throw applicationExists(name);
    }
    copyCharm(charm.dir, this.paths.applicationCharm(name));
    const app = this.controller.applications.add(name, { ...charm, dir: this.paths.applicationCharm(name), meta });
    if (Object.keys(config).length > 0) this.controller.applications.updateConfig(name, config);
    if (extras.trust) this.controller.applications.setTrust(name, true);
    this.uploadResources(name, meta, resources);
    return { application: name, units: numUnits > 0 ? this.addUnits(name, numUnits) : [], revision: app.charmRev };
  }

  /** `--resource` files: each a new revision of the resource, under the charm's filename for it. */
  private uploadResources(application: string, meta: CharmMeta, resources: Record<string, Buffer>): void {
    for (const [name, content] of Object.entries(resources)) {
      this.controller.resources.upload(application, name, meta.resources[name].filename, content);
    }
  }

  /** `add-unit`: each new unit gets its own copy of the application's charm. */
  addUnits(application: string, count: number): string[] {
    checkUnitCount(count, 1);
    const app = this.controller.applications.get(application);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const unit = this.controller.units.add(app.name);
      this.deployUnitCharm(unit.name);
      this.startUniter(unit);
      names.push(unit.name);
    }
    this.scheduler.wake();
    return names;
  }

  /**
   * The application's current charm into the unit's charm directory (its `../.venv` too),
   * keeping what the previous charm created there at run time.
   */
  private deployUnitCharm(unit: string): void {
    const app = this.controller.applications.get(this.controller.units.get(unit).application);
    deployCharm(app.charmDir, this.paths.unitCharmDir(unit), this.paths.unitDir(unit), charmURL(app));
    const venv = join(this.paths.unitDir(unit), '.venv');
    if (!app.unitVenv) return rmSync(venv, { force: true });
    // Replaced in one rename: the unit agent deploys the charm again when it installs, and
    // removing the link first left a moment with no ../.venv for whoever looked then.
    const next = `${venv}.new`;
    rmSync(next, { force: true });
    symlinkSync(app.unitVenv, next);
    renameSync(next, venv);
  }

  /**
   * `refresh --path`: the application's charm becomes the new one, under a new revision; each
   * unit's agent then deploys it and runs upgrade-charm (`--force-units`: a unit in a hook error
   * too, without upgrade-charm). The new charm is in place before the controller announces it,
   * and the old one comes back if the controller refuses it.
   */
  refresh(
    application: string,
    charm: CharmSource,
    forceUnits = false,
    resources: Record<string, Buffer> = {},
  ): { application: string; charm: string; revision: number } {
    const meta = readCharm(charm.dir);
    checkPrincipal(meta);
    checkResources(meta, resources);
    const appDir = this.paths.applicationCharm(this.controller.applications.get(application).name);
    const [staged, previous] = [`${appDir}.new`, `${appDir}.old`];
    for (const dir of [staged, previous]) rmSync(dir, { recursive: true, force: true });
    copyCharm(charm.dir, staged);
    renameSync(appDir, previous);
    renameSync(staged, appDir);
    // The new files are in place before the units hear of the new charm and run upgrade-charm.
    this.uploadResources(application, meta, resources);
    let app;
    try {
      app = this.controller.applications.setCharm(application, { ...charm, meta }, forceUnits);
    } catch (err) {
      rmSync(appDir, { recursive: true, force: true });
      renameSync(previous, appDir);
      throw err;
    }
    rmSync(previous, { recursive: true, force: true });
    return { application: app.name, charm: app.charmName, revision: app.charmRev };
  }

  /** `integrate a[:ep] b[:ep]`. */
  integrate(first: string, second: string): RelationRecord {
    const inferred = inferEndpoints((app) => this.relatable(app), first, second);
    if (inferred.endpoints.every((e) => this.controller.remoteApplications.findRemote(e.application))) {
      throw new JujuSimError(`cannot add relation between saas applications "${first}" and "${second}"`);
    }
    return this.controller.relations.add(inferred.endpoints, inferred);
  }

  /** An application, or a remote one (a consumed offer) with its offer's endpoints, as integrate sees them. */
  private relatable(name: string): Relatable {
    const remote = this.controller.remoteApplications.findRemote(name);
    return remote ? { name, remote: { endpoints: remote.endpoints } } : this.controller.applications.get(name);
  }

  /**
   * `elect <unit>`: the unit leads its application from now on. is-leader answers so at once;
   * the unit agents then run what Juju's run when leadership moves.
   */
  elect(unitName: string): void {
    const unit = this.controller.units.get(unitName);
    if (unit.life !== 'alive') throw new JujuSimError(`cannot elect unit "${unit.name}": unit is ${unit.life}`);
    if (this.controller.applications.get(unit.application).leader === unit.name) return;
    this.controller.applications.elect(unit.application, unit.name);
  }

  /** `remove-relation a[:ep] b[:ep]`: the relation between the two applications, found as `integrate` would. */
  removeRelation(first: string, second: string): void {
    const inferred = inferEndpoints((app) => this.relatable(app), first, second);
    const [a, b] = inferred.endpoints;
    const relation = this.controller.relations
      .all()
      .find((r) =>
        [a, b].every((e) => r.endpoints.some((x) => x.application === e.application && x.endpoint === e.endpoint)),
      );
    if (!relation) throw new JujuSimError(`relation "${first} ${second}" not found`);
    this.controller.life.destroyRelation(relation.id);
  }

  /** `pause`: from now on, and after a restart, no hook starts on its own; one running finishes. */
  pause(): void {
    this.controller.setPaused(true);
    this.unpause ??= this.scheduler.hold();
  }

  /** `resume`: hooks start on their own again. */
  resume(): void {
    this.controller.setPaused(false);
    this.unpause?.();
    this.unpause = undefined;
  }

  /**
   * Runs queued hooks until none is left, paused or not (a paused model stays paused); units in
   * error, and units whose agent is failing, stay as they are. An aborted `caller` (gone) stops
   * the wait, and with it the hooks a paused model ran only for it.
   */
  async settle(timeoutMs: number, caller?: AbortSignal): Promise<UnitProblem[]> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new JujuSimError(`model did not settle within ${timeoutMs / 1000}s`)), timeoutMs);
    try {
      await this.scheduler.whenIdle(caller ? AbortSignal.any([timeout.signal, caller]) : timeout.signal);
    } finally {
      clearTimeout(timer);
    }
    return [...this.uniters.values()].map((u) => this.problem(u.unitName)).filter((p) => p !== undefined);
  }

  /**
   * `step`: runs one operation, paused or not, of `unit` or of the next unit in turn; undefined
   * when there is none to run.
   */
  step(unit?: string): Promise<Turn | undefined> {
    return this.scheduler.step(unit === undefined ? undefined : this.uniter(this.controller.units.get(unit).name));
  }

  /**
   * `destroy-model`: what Juju's controller does to a dying model's units before it removes the
   * model. Every application is destroyed, so each unit runs its relation-departed and
   * relation-broken hooks, stop and remove; a unit left in error stops the teardown, as it holds
   * a Juju model dying. With force, no more hooks run and those running are killed. Either way
   * no hook runs once it has returned: the model can be closed and its directory deleted.
   */
  async destroy(force: boolean, timeoutMs: number): Promise<void> {
    if (!force) {
      for (const app of this.controller.applications.all()) {
        if (app.life === 'alive') this.controller.life.destroyApplication(app.name);
      }
      const problems = await this.settle(timeoutMs);
      if (problems.length > 0) {
        const units = problems.map((p) => `${p.unit}: ${p.message}`).join('; ');
        throw new JujuSimError(`cannot destroy model "${this.name}": units cannot leave it (${units}); use --force`);
      }
    }
    this.halt.abort();
    await this.scheduler.stop();
  }

  /** Why the unit cannot go on by itself: its hook error, or its failing agent. */
  problem(unit: string): UnitProblem | undefined {
    const message = this.uniters.get(unit)?.error()?.message ?? this.scheduler.failing().get(unit);
    return message === undefined ? undefined : { unit, message };
  }
}
