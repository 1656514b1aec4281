// What `show --watch` and `history --follow` share: act once, then again after each change of
// the model, until the caller is gone (Ctrl-C of the front end aborts io.signal).
import type { CommandIO } from './io.js';

/** How long one wait for a change lasts before it is asked again. */
const waitMs = 30_000;

export async function watchChanges(io: CommandIO, act: () => Promise<void>): Promise<void> {
  let since: number | undefined;
  while (!io.signal.aborted) {
    let revision: number;
    try {
      ({ revision } = await io.call('wait-for-change', { since, timeoutMs: waitMs }));
    } catch (err) {
      if (io.signal.aborted) return;
      throw err;
    }
    if (revision === since) continue;
    since = revision;
    await act();
  }
}
