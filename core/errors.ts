// Errors a user of the CLI can see. The daemon sends their message verbatim; the CLI prints
// `ERROR <message>` and exits 1.

/** A request that cannot be done as asked: bad names, wrong state, missing files. */
export class JujuSimError extends Error {}

/** The named entity does not exist; Juju's wording is `<kind> "<name>" not found`. */
export class NotFound extends JujuSimError {
  constructor(kind: string, name: string) {
    super(`${kind} "${name}" not found`);
  }
}
