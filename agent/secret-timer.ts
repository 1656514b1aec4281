// The model's clock for secrets (Juju's secret rotation and expiry watchers): it wakes the unit
// agents when the earliest rotation or expiry comes, so that the owner's secret-rotate or
// secret-expired runs. The due times are the controller's; the agents' remote state compares
// them with the time. A paused model's time stands still: the timer does not wake it, and its
// agents run what has come due once it resumes (or on `settle` and `step`).

/** The longest delay setTimeout takes; a longer one fires at once. */
const maxTimerMs = 2 ** 31 - 1;

export interface SecretTimerConfig {
  /** The earliest rotation or expiry still to come (an ISO time), if any. */
  next: () => string | undefined;
  /** Whether the model's time runs (it is not paused). */
  mayFire: () => boolean;
  /** Something came due. */
  onDue: () => void;
}

export class SecretTimer {
  private timer?: NodeJS.Timeout;
  private deadline?: number;

  constructor(private readonly config: SecretTimerConfig) {
    this.reschedule();
  }

  /** The secrets changed: wait for the earliest time again. */
  reschedule(): void {
    const next = this.config.next();
    const deadline = next === undefined ? undefined : Date.parse(next);
    if (deadline === this.deadline && this.timer !== undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.deadline = deadline;
    if (deadline === undefined) return;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, deadline - Date.now()), maxTimerMs));
    // The daemon lives for its servers, not for its timers.
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Wakes the agents if the time has come (a long wait comes early), then waits for the next time. */
  private fire(): void {
    this.timer = undefined;
    if (this.deadline !== undefined && Date.now() >= this.deadline && this.config.mayFire()) this.config.onDue();
    this.reschedule();
  }
}
