// A call's outcome as a value, so that a table can expect a result or an error text alike.

export function outcome<T>(call: () => T): { value: T } | { error: string } {
  try {
    return { value: call() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
