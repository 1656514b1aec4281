// A databag as a hook sees it: the stored map plus this hook's pending writes. Nothing reaches
// the controller until the hook exits 0 and the context commits `pending()`.
import type { Settings } from '../../core/hook-context.js';

export class BufferedSettings implements Settings {
  /** key → new value; '' marks a deletion (Juju keeps deleted keys as "" until the commit). */
  private readonly changes = new Map<string, string>();

  constructor(private readonly stored: Record<string, string>) {}

  map(): Record<string, string> {
    const view: Record<string, string> = { ...this.stored };
    for (const [key, value] of this.changes) {
      if (value === '') delete view[key];
      else view[key] = value;
    }
    return view;
  }

  set(key: string, value: string): void {
    this.changes.set(key, value);
  }

  delete(key: string): void {
    this.changes.set(key, '');
  }

  /** The writes to commit, or undefined when the hook wrote nothing here. */
  pending(): Record<string, string> | undefined {
    return this.changes.size === 0 ? undefined : Object.fromEntries(this.changes);
  }
}
