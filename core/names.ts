// Juju's names package: the syntax of application and unit names. The snippets compose into
// other patterns, as Juju's do (`juju run` accepts `<application>/leader`).

export const applicationSnippet = '(?:[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)';
export const numberSnippet = '(?:0|[1-9][0-9]*)';

const validApplication = new RegExp(`^${applicationSnippet}$`);
const validUnit = new RegExp(`^(${applicationSnippet})/${numberSnippet}$`);

/** names.IsValidApplication. */
export function isValidApplication(name: string): boolean {
  return validApplication.test(name);
}

/** The application of a valid unit name (names.UnitApplication); undefined for an invalid name. */
export function unitApplication(name: string): string | undefined {
  return validUnit.exec(name)?.[1];
}

/** Juju's rule for action names (and for the keys of `juju run key=value`). */
export const actionNameRule = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
