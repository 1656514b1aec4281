// juju/errors.Annotate as the hook tools use it: a context error, prefixed with what the tool
// was doing (`cannot read leadership settings: …`).

export function annotate<T>(message: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new Error(`${message}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
