// A charm's actions (actions.yaml) and the checks the controller makes before it queues one,
// as Juju does (internal/charm/actions.go: ReadActionsYaml, ValidateParams, InsertDefaults, on
// its fork of gojsonschema, draft 4): each action's params are the properties of a JSON-schema
// object that refuses unknown keys unless it says otherwise; a param that fails the schema
// stops the action from being queued, with gojsonschema's error texts.
import { formatJson, type GoValue } from '../../core/format.js';
import { actionNameRule } from '../../core/names.js';

/** A JSON schema as actions.yaml writes one. */
export type Schema = Record<string, unknown>;

export interface ActionSpec {
  description: string;
  /** The schema of each param (the `properties` of the params object). */
  params: Record<string, Schema>;
  required: string[];
  /** Juju's default is false: a param the schema does not name fails validation. */
  additionalProperties: boolean;
}

const jsonTypes = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

/** A problem in actions.yaml, in Juju's words. */
export class ActionsError extends Error {}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Juju refuses schema references anywhere in the params. */
function checkNoReferences(value: unknown): void {
  if (Array.isArray(value)) value.forEach(checkNoReferences);
  if (!isMap(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' || key === '$schema') throw new ActionsError(`schema key "${key}" not compatible with this version of juju`);
    checkNoReferences(inner);
  }
}

/** A param's schema must be an object, and its types (and its properties' and items') JSON types. */
function checkSchema(name: string, schema: unknown): void {
  if (!isMap(schema)) throw new ActionsError(`${name} must be of an object`);
  if (schema.type !== undefined) {
    for (const type of Array.isArray(schema.type) ? schema.type : [schema.type]) {
      if (!jsonTypes.includes(String(type))) throw new ActionsError(`${String(type)} is not a valid type`);
    }
  }
  if (isMap(schema.properties)) for (const [inner, innerSchema] of Object.entries(schema.properties)) checkSchema(inner, innerSchema);
  if (schema.items !== undefined) checkSchema('items', schema.items);
}

/** The actions of an actions.yaml document (already parsed); throws ActionsError. */
export function parseActions(doc: unknown): Record<string, ActionSpec> {
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc)) throw new ActionsError('expected a YAML mapping');
  const actions: Record<string, ActionSpec> = {};
  for (const [name, raw] of Object.entries(doc)) {
    if (!actionNameRule.test(name)) throw new ActionsError(`bad action name ${name}`);
    const spec = raw ?? {};
    if (!isMap(spec)) throw new ActionsError(`action ${name}: expected a YAML mapping`);
    const { description = 'No description', params = {}, required = [], additionalProperties = false } = spec;
    if (typeof description !== 'string') throw new ActionsError('value for schema key "description" must be a string');
    if (!Array.isArray(required)) throw new ActionsError('value for schema key "required" must be a YAML list');
    if (!isMap(params)) throw new ActionsError('params failed to parse as a map');
    try {
      checkNoReferences(params);
      for (const [param, schema] of Object.entries(params)) checkSchema(param, schema);
    } catch (err) {
      throw new ActionsError(`invalid params schema for action schema ${name}: ${(err as Error).message}`);
    }
    actions[name] = {
      description,
      params: params as Record<string, Schema>,
      required: required.map(String),
      // A schema for the additional keys lets them through: juju-sim checks no further.
      additionalProperties: additionalProperties !== false,
    };
  }
  return actions;
}

// ---- validation: gojsonschema's walk and texts ----

const json = (value: unknown): string => formatJson(value as GoValue).toString();

/** How gojsonschema prints a type list: the name alone, or `[a,b]`. */
const typeNames = (types: string[]): string => (types.length === 1 ? types[0] : `[${types.join(',')}]`);

function fitsType(types: string[], value: unknown): boolean {
  if (value === null) return types.includes('null');
  if (Array.isArray(value)) return types.includes('array');
  if (typeof value === 'number') return types.includes('number') || (Number.isInteger(value) && types.includes('integer'));
  return types.includes(typeof value);
}

/** Errors in the order gojsonschema finds them; it walks Go maps, so for keys we take name order. */
function validate(schema: Schema, value: unknown, context: string, errors: string[]): void {
  const problem = (description: string): void => {
    errors.push(`${context} : ${description}, given ${json(value)}`);
  };
  const types = schema.type === undefined ? [] : (Array.isArray(schema.type) ? schema.type : [schema.type]).map(String);
  if (types.length > 0 && !fitsType(types, value)) {
    problem(`must be of type ${typeNames(types)}`);
    return;
  }
  const properties = isMap(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  if (isMap(value)) {
    for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
      if (!Object.hasOwn(value, name)) problem(`"${name}" property is missing and required`);
    }
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(value).sort()) {
        if (!Object.hasOwn(properties, key)) problem(`additional property "${key}" is not allowed`);
      }
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => json(allowed) === json(value))) {
    problem(`must match one of the enum values [${schema.enum.map(json).join(',')}]`);
  }
  if (isMap(value)) {
    for (const name of Object.keys(properties).sort()) {
      if (Object.hasOwn(value, name)) validate(properties[name], value[name], `${context}.${name}`, errors);
    }
  }
  if (Array.isArray(value) && isMap(schema.items)) {
    value.forEach((item, i) => validate(schema.items as Schema, item, `${context}.${i}`, errors));
  }
}

/** The action's params schema, as Juju builds it from actions.yaml. */
function paramsSchema(spec: ActionSpec): Schema {
  return { type: 'object', properties: spec.params, required: spec.required, additionalProperties: spec.additionalProperties };
}

/** Juju's ValidateParams: undefined when the params fit the schema, else `validation failed: …`. */
export function validateParams(spec: ActionSpec, params: Record<string, unknown>): string | undefined {
  const errors: string[] = [];
  validate(paramsSchema(spec), params, '(root)', errors);
  return errors.length === 0 ? undefined : `validation failed: ${errors.join('; ')}`;
}

/**
 * Juju's InsertDefaults: every param the user left out gets its schema's default, and an object
 * param left out gets the defaults of its own properties (if it has any). Returns a new map.
 */
export function withDefaults(spec: ActionSpec, params: Record<string, unknown>): Record<string, unknown> {
  const fill = (into: Record<string, unknown>, properties: Record<string, Schema>): void => {
    for (const [name, schema] of Object.entries(properties)) {
      const inner = isMap(schema.properties) ? (schema.properties as Record<string, Schema>) : undefined;
      if (Object.hasOwn(into, name)) {
        const value = into[name];
        if (isMap(value) && inner) fill(value, inner);
      } else if (Object.hasOwn(schema, 'default')) {
        into[name] = structuredClone(schema.default);
      } else if (inner) {
        const nested: Record<string, unknown> = {};
        fill(nested, inner);
        if (Object.keys(nested).length > 0) into[name] = nested;
      }
    }
  };
  const result = structuredClone(params);
  fill(result, spec.params);
  return result;
}
