// Model config (`juju model-config`): the settings juju-sim implements, each with Juju's default
// and Juju's check of a new value. Only what the user set is stored; a value equal to its
// default is from "default", as Juju reports the source of a value.
import { parseDuration } from '../../core/go-duration.js';
import { JujuSimError } from '../../core/errors.js';
import type { Store } from './store.js';

/** A setting's value and where it comes from (Juju's config.ConfigValue). */
export interface ModelConfigValue {
  value: string;
  source: 'default' | 'model';
}

interface Setting {
  default: string;
  /** Refuses a value as Juju's model config validation does. */
  check(value: string): void;
}

/**
 * Juju's check parses the duration only: its range checks (1m to 60m) annotate a nil error,
 * which juju/errors turns into no error at all, so 10s passes (environs/config/config.go).
 * A duration that is not positive passes too, and then crashes every unit agent's timer
 * (worker/uniter/timer.go draws its jitter with rand.Int63n, which panics unless given more
 * than 0); juju-sim refuses it instead.
 */
function checkUpdateStatusHookInterval(value: string): void {
  let nanoseconds: bigint;
  try {
    nanoseconds = parseDuration(value);
  } catch (err) {
    throw new JujuSimError(`invalid update status hook interval in model configuration: ${(err as Error).message}`);
  }
  if (nanoseconds <= 0n) {
    throw new JujuSimError(`invalid update status hook interval in model configuration: ${value} is not positive (Juju's unit agents fail on it)`);
  }
}

const settings: Record<string, Setting> = {
  'update-status-hook-interval': { default: '5m', check: checkUpdateStatusHookInterval },
};

function setting(key: string): Setting {
  if (!Object.hasOwn(settings, key)) throw new JujuSimError(`model config key "${key}" is not implemented in juju-sim`);
  return settings[key];
}

export class ModelConfig {
  constructor(private readonly store: Store) {}

  private stored(): Record<string, string> {
    const rows = this.store.db.prepare('SELECT key, value FROM model_config').all() as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Every setting, sorted by key. */
  values(): Record<string, ModelConfigValue> {
    const stored = this.stored();
    return Object.fromEntries(
      Object.keys(settings)
        .sort()
        .map((key) => {
          const value = stored[key] ?? settings[key].default;
          return [key, { value, source: value === settings[key].default ? 'default' : 'model' }];
        }),
    );
  }

  /** Resets some settings to their defaults and sets others, all checked before any is stored. */
  update(set: Record<string, string>, reset: string[]): void {
    for (const key of reset) setting(key);
    for (const [key, value] of Object.entries(set)) setting(key).check(value);
    const { db } = this.store;
    db.transaction(() => {
      for (const key of reset) db.prepare('DELETE FROM model_config WHERE key = ?').run(key);
      for (const [key, value] of Object.entries(set)) {
        db.prepare('INSERT INTO model_config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
      }
    })();
    this.store.changed();
  }

  /** How often each unit agent's update-status timer fires, in milliseconds. */
  updateStatusHookInterval(): number {
    return Number(parseDuration(this.values()['update-status-hook-interval'].value)) / 1e6;
  }
}
