// Runs the units' operations one at a time, taking units in turn (round robin) so that no unit
// starves another. One hook at a time in the whole model is Juju's machine lock with every
// unit on one machine: it keeps runs reproducible, and hooks are what we are here to watch.
import type { Logger } from 'pino';
import type { Uniter } from './uniter/uniter.js';

export class Scheduler {
  private looping = false;
  private last = -1;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly uniters: () => Uniter[],
    private readonly log: Logger,
  ) {}

  /** Something may have changed: look for work. */
  wake(): void {
    if (!this.looping) void this.loop();
  }

  /** Resolves once no unit has anything left to run. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.wake();
    });
  }

  private pick(): Uniter | undefined {
    const uniters = this.uniters();
    for (let i = 1; i <= uniters.length; i++) {
      const index = (this.last + i) % uniters.length;
      if (uniters[index].hasWork()) {
        this.last = index;
        return uniters[index];
      }
    }
    return undefined;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      for (let uniter = this.pick(); uniter; uniter = this.pick()) {
        try {
          await uniter.runNext();
        } catch (err) {
          this.log.error({ err, unit: uniter.unitName }, 'unit agent operation failed');
        }
      }
    } finally {
      this.looping = false;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
