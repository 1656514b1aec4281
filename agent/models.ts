// The controller's models: one daemon serves every model of its home, as one Juju controller
// does. Each model keeps its own state under $JUJU_SIM_HOME/models/<model> (controller database,
// unit agents, charms, log) and its own scheduler, as separate machines would; the hook tools'
// socket is shared, its context IDs unique across models. The current model, the one a request
// that names none acts on, is kept in $JUJU_SIM_HOME/controller.json with the controller's UUID,
// as Juju's client keeps it in models.yaml.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { JujuSimError, NotFoundError } from '../core/errors.js';
import { invalidModelName, isValidModelName, parseModelReference } from '../core/model-name.js';
import { Model, type ModelOptions } from './model.js';
import { defaultModel, modelPaths } from './paths.js';
import { RemoteRelationsWorker } from './remote-relations.js';
import type { Controller } from './controller/controller.js';
import { privateDir, privateFile } from './private-files.js';
import { jujuVersion } from '../core/juju-version.js';

/** The controller's name, as `status` and `models` print it and `-m <controller>:<model>` names it. */
export const controllerName = 'juju-sim';
/** The one user: every model is admin's. */
export const modelOwner = 'admin';

/** A model's directory is named after it: the longest file name Linux allows. */
const maxNameBytes = 255;

/** What every model shares: the daemon's home, hook tools and logger. */
export type SharedOptions = Omit<ModelOptions, 'name'>;

interface ControllerFile {
  'controller-uuid': string;
  'current-model': string;
}

interface Served {
  model: Model;
  /** The model's own log, closed with it. */
  log: pino.DestinationStream & { end(): void };
}

/** A model's identity, for `models` and `show-model`. */
export interface ModelSummary {
  name: string;
  owner: string;
  uuid: string;
  controllerName: string;
  controllerUuid: string;
  agentVersion: string;
  /** When the model was added, ISO 8601. */
  since: string;
  machines: string[];
  units: number;
}

/** When the model was added: its database's birth, or its last change where the filesystem keeps no birth time. */
function added(controllerDb: string): Date {
  const stat = statSync(controllerDb);
  return stat.birthtimeMs > 0 ? stat.birthtime : stat.ctime;
}

export class Models {
  private readonly served = new Map<string, Served>();
  /** The models being destroyed: a second destroy-model waits for the first. */
  private readonly destroying = new Map<string, Promise<void>>();
  private readonly file: string;
  /** Carries cross-model relations between the models. */
  private readonly remoteRelations: RemoteRelationsWorker;

  constructor(private readonly shared: SharedOptions) {
    this.remoteRelations = new RemoteRelationsWorker(
      () => new Map<string, Controller>([...this.served].map(([name, { model }]) => [name, model.controller])),
      shared.logger,
    );
    this.file = join(shared.home, 'controller.json');
    const modelsDir = join(shared.home, 'models');
    const firstStart = !existsSync(modelsDir);
    privateDir(modelsDir);
    if (!existsSync(this.file)) this.write({ 'controller-uuid': randomUUID(), 'current-model': defaultModel });
    // A model is a directory with a controller database; anything else there is not ours.
    for (const name of readdirSync(modelsDir).sort()) {
      if (isValidModelName(name) && existsSync(modelPaths(shared.home, name).controllerDb)) this.open(name);
    }
    // As a bootstrap leaves its controller a model named "default".
    if (firstStart) this.open(defaultModel);
  }

  /**
   * The model a request acts on: the one it names, in any form `-m` takes, or the current one.
   * "default" is made again when it is gone (its directory deleted, or the model destroyed), so
   * that a home always has a model to act on, as it did when it had only that one.
   */
  get(reference?: string): Model {
    const name = reference === undefined ? this.read()['current-model'] : this.nameOf(reference);
    const served = this.served.get(name);
    if (served) return served.model;
    if (name === defaultModel) return this.open(name);
    throw this.notFound(name);
  }

  /** `add-model`: a new, empty model; the current one unless noSwitch. */
  add(name: string, config: Record<string, string>, noSwitch: boolean): Model {
    if (!isValidModelName(name)) {
      throw new JujuSimError(invalidModelName(name));
    }
    // Juju sets no length; a model's directory does.
    if (Buffer.byteLength(name) > maxNameBytes) {
      throw new JujuSimError(`cannot create model "${name}": juju-sim's model names have at most ${maxNameBytes} characters`);
    }
    if (this.served.has(name) || existsSync(modelPaths(this.shared.home, name).controllerDb)) {
      throw new JujuSimError(`failed to create new model: model "${name}" for ${modelOwner} already exists`);
    }
    const model = this.open(name);
    try {
      model.updateModelConfig(config, []);
    } catch (err) {
      this.remove(name);
      throw err;
    }
    if (!noSwitch) this.write({ ...this.read(), 'current-model': name });
    return model;
  }

  /**
   * `destroy-model`: the model's units leave it (Model.destroy), then its state goes. Destroying
   * the current model makes "default" current again.
   */
  destroy(reference: string, force: boolean, timeoutMs: number): Promise<void> {
    const model = this.get(reference);
    const destroying = this.destroying.get(model.name) ?? this.destroyNow(model, force, timeoutMs);
    this.destroying.set(model.name, destroying);
    return destroying;
  }

  private async destroyNow(model: Model, force: boolean, timeoutMs: number): Promise<void> {
    try {
      await model.destroy(force, timeoutMs);
      this.remove(model.name);
      if (this.read()['current-model'] === model.name) this.write({ ...this.read(), 'current-model': defaultModel });
    } finally {
      this.destroying.delete(model.name);
    }
  }

  /**
   * `switch`: the named model becomes current; returns the previous and the new one. The
   * controller's name (`juju-sim`, `juju-sim:`) switches to the controller, which is current.
   */
  switchTo(reference: string): { from: string; to: string } {
    const from = this.read()['current-model'];
    if (reference.replace(/:$/, '') === controllerName) return { from, to: from };
    let to: string;
    try {
      to = this.get(reference).name;
    } catch (err) {
      if (err instanceof NotFoundError) throw new JujuSimError(`"${reference}" is not the name of a model or controller`);
      throw err;
    }
    this.write({ ...this.read(), 'current-model': to });
    return { from, to };
  }

  current(): string {
    return this.read()['current-model'];
  }

  /** Every model, by name. */
  all(): Model[] {
    return [...this.served.values()].map((s) => s.model).sort((a, b) => a.name.localeCompare(b.name));
  }

  summary(model: Model): ModelSummary {
    const units = model.controller.units.all();
    return {
      name: model.name,
      owner: modelOwner,
      uuid: model.controller.model().uuid,
      controllerName,
      controllerUuid: this.read()['controller-uuid'],
      agentVersion: jujuVersion,
      since: added(model.paths.controllerDb).toISOString(),
      machines: [...new Set(units.map((u) => u.machine))],
      units: units.length,
    };
  }

  /** Each model's scheduler looks for work: the daemon has started. */
  wake(): void {
    for (const { model } of this.served.values()) model.scheduler.wake();
  }

  /** The daemon is stopping: every model kills its running hooks and closes once none runs. */
  async close(): Promise<void> {
    this.remoteRelations.stop();
    const served = [...this.served.values()];
    this.served.clear();
    await Promise.all(served.map(({ model }) => model.shutdown()));
    for (const { log } of served) log.end();
  }

  private open(name: string): Model {
    const paths = modelPaths(this.shared.home, name);
    privateDir(paths.root);
    privateFile(paths.logFile);
    const log = pino.destination({ dest: paths.logFile, sync: true });
    const logger: Logger = pino({ level: this.shared.logger.level }, log).child({ model: name });
    const model = new Model({ ...this.shared, name, logger });
    this.served.set(name, { model, log });
    model.controller.onChange(() => this.remoteRelations.wake());
    this.remoteRelations.wake();
    return model;
  }

  /** Closes the model, if open, and deletes its state. */
  private remove(name: string): void {
    this.forget(name);
    rmSync(modelPaths(this.shared.home, name).root, { recursive: true, force: true });
  }

  /** Closes the model, if open. */
  private forget(name: string): void {
    const served = this.served.get(name);
    if (!served) return;
    this.served.delete(name);
    served.model.close();
    served.log.end();
    // Its relations' other sides learn that it is gone.
    this.remoteRelations.wake();
  }

  /** The model's name from what a user wrote: `m`, `admin/m`, `juju-sim:m`, `juju-sim:admin/m`. */
  private nameOf(reference: string): string {
    const { controller, owner, name } = parseModelReference(reference);
    if (controller !== undefined && controller !== controllerName) throw new NotFoundError(`controller ${controller}`);
    if ((owner ?? modelOwner) !== modelOwner || !isValidModelName(name)) throw this.notFound(`${owner ?? modelOwner}/${name}`, true);
    return name;
  }

  /** modelcmd's error for a model the client does not know: `model <controller>:<owner>/<model> not found`. */
  private notFound(name: string, qualified = false): NotFoundError {
    return new NotFoundError(`model ${controllerName}:${qualified ? name : `${modelOwner}/${name}`}`);
  }

  private read(): ControllerFile {
    return JSON.parse(readFileSync(this.file, 'utf8')) as ControllerFile;
  }

  private write(file: ControllerFile): void {
    writeFileSync(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
}
