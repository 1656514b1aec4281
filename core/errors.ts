// The errors a user or a charm can see, with Juju's texts. The daemon sends their message
// verbatim; the CLI and the hook tools print `ERROR <message>` and exit 2 for a UsageError, 1
// for the others. Anything else thrown is a bug, and the daemon logs it as one.

/** What cannot be done as asked: bad names, wrong state, missing files. */
export class JujuSimError extends Error {}

/** An argument error: a hook tool or a command prints it and exits 2. */
export class UsageError extends JujuSimError {}

/** Juju's errors.NotFoundf: the message reads `<what> not found`. */
export class NotFoundError extends JujuSimError {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** A named entity that does not exist, as Juju names it: `<kind> "<name>" not found`. */
export const entityNotFound = (kind: string, name: string): NotFoundError => new NotFoundError(`${kind} "${name}"`);

/** Adding an application under a name the model already has. */
export const applicationExists = (name: string): JujuSimError =>
  new JujuSimError(`cannot add application "${name}": application already exists`);

/** Adding a relation the model already has. */
export const relationExists = (key: string): JujuSimError => new JujuSimError(`cannot add relation "${key}": relation ${key} already exists`);
