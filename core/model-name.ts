// Model names as Juju's CLI takes them: names.IsValidModelName for a new model's name, and the
// `[<controller>:][<owner>/]<model>` forms that `-m/--model`, JUJU_MODEL, `switch`,
// `show-model` and `destroy-model` accept (modelcmd's model identifier).

/** names.IsValidModelName (juju/names v5): lowercase letters, digits and hyphens, not leading with a hyphen. */
export function isValidModelName(name: string): boolean {
  return /^[a-z0-9]+[a-z0-9-]*$/.test(name);
}

/** The text add-model refuses an invalid name with (cmd/juju/controller/addmodel.go). */
export const invalidModelName = (name: string): string =>
  `"${name}" is not a valid name: model names may only contain lowercase letters, digits and hyphens`;

/** A model as a user names it; controller and owner only when given. */
export interface ModelReference {
  controller?: string;
  owner?: string;
  name: string;
}

/**
 * Splits `[<controller>:][<owner>/]<model>`. The parts are not checked: a name that no model has
 * is simply not found, as in Juju, whose client store looks the name up as given.
 */
export function parseModelReference(text: string): ModelReference {
  const colon = text.indexOf(':');
  const controller = colon < 0 ? undefined : text.slice(0, colon);
  const qualified = colon < 0 ? text : text.slice(colon + 1);
  const slash = qualified.indexOf('/');
  const owner = slash < 0 ? undefined : qualified.slice(0, slash);
  const name = slash < 0 ? qualified : qualified.slice(slash + 1);
  return { ...(controller === undefined ? {} : { controller }), ...(owner === undefined ? {} : { owner }), name };
}
