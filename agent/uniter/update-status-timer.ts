// A unit agent's update-status timer (Juju's, worker/uniter/timer.go and the remote-state
// watcher): every update-status-hook-interval, give or take 20% so that units spread out, it
// ticks. Its count of ticks is the remote state's update-status version; the resolver runs
// update-status while the unit's hooks have not caught up with it. The model may hold the timer
// (a paused model's time stands still), and `juju-sim update-status` ticks it at once.

export interface UpdateStatusTimerConfig {
  /** The model's update-status-hook-interval, in milliseconds. */
  interval: () => number;
  /** Whether a tick due now counts; one that does not is dropped, and the timer starts again. */
  mayFire: () => boolean;
  /** Called after each tick. */
  onTick: () => void;
  /** A random number in [0, 1). */
  random?: () => number;
}

/** The longest delay setTimeout takes; a longer one fires at once. */
const maxTimerMs = 2 ** 31 - 1;

/** Juju's wait before a tick: at random between 80% and 120% of the interval. */
export function jitteredWait(interval: number, random: number): number {
  return 0.8 * interval + Math.floor(random * 0.4 * interval);
}

export class UpdateStatusTimer {
  private ticks = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly config: UpdateStatusTimerConfig) {
    this.restart();
  }

  /** The number of ticks so far: the update-status version of the unit's remote state. */
  get version(): number {
    return this.ticks;
  }

  /** A tick now, as when the timer fires. */
  tick(): void {
    this.ticks++;
    this.config.onTick();
  }

  /** Waits a whole interval again from now, as Juju's watcher does when the interval changes. */
  restart(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.wake(Date.now() + jitteredWait(this.config.interval(), (this.config.random ?? Math.random)()));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Fires at the deadline; a node timer waits at most about 24 days, so a longer wait is several. */
  private wake(deadline: number): void {
    const wait = deadline - Date.now();
    this.timer = setTimeout(() => (Date.now() < deadline ? this.wake(deadline) : this.fire()), Math.min(wait, maxTimerMs));
    // The daemon lives for its servers, not for its timers.
    this.timer.unref();
  }

  private fire(): void {
    if (this.config.mayFire()) this.tick();
    this.restart();
  }
}
