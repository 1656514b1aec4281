// actions.yaml as Juju reads it, and the params checks the controller makes before it queues
// an action: gojsonschema's error texts (Juju's fork), and the defaults it fills in.
import t from 'tap';
import { parse } from 'yaml';
import { parseActions, validateParams, withDefaults, type ActionSpec } from '../../../agent/charm/actions.js';

const spec = (yaml: string): ActionSpec => parseActions(parse(yaml)).act;

t.test('reading actions.yaml', async (t) => {
  t.same(parseActions(null), {}, 'an empty file');
  t.same(Object.keys(parseActions(parse('a: {params: {type: {type: string}, items: {type: array, items: {type: string}}}}\n')).a.params), ['type', 'items'], 'params may be named like schema keywords');
  t.same(parseActions(parse('backup:\n')), {
    backup: { description: 'No description', params: {}, required: [], additionalProperties: false },
  });
  t.same(
    parseActions(
      parse(`
snapshot:
  description: Take a snapshot.
  params:
    outfile: {type: string, default: out.tar}
  required: [outfile]
  additionalProperties: true
`),
    ),
    {
      snapshot: {
        description: 'Take a snapshot.',
        params: { outfile: { type: 'string', default: 'out.tar' } },
        required: ['outfile'],
        additionalProperties: true,
      },
    },
  );
  const errors: Array<[string, string]> = [
    ['- a\n- b\n', 'expected a YAML mapping'],
    ['Backup: {}\n', 'bad action name Backup'],
    ['back_up: {}\n', 'bad action name back_up'],
    ['a: {description: [x]}\n', 'value for schema key "description" must be a string'],
    ['a: {required: x}\n', 'value for schema key "required" must be a YAML list'],
    ['a: {params: [x]}\n', 'params failed to parse as a map'],
    ['a: {params: {x: 1}}\n', 'invalid params schema for action schema a: x must be of an object'],
    ['a: {params: {x: {type: int}}}\n', 'invalid params schema for action schema a: int is not a valid type'],
    ['a: {params: {x: {properties: {y: {type: [string, char]}}}}}\n', 'invalid params schema for action schema a: char is not a valid type'],
    ['a: {params: {x: {$ref: "#/y"}}}\n', 'invalid params schema for action schema a: schema key "$ref" not compatible with this version of juju'],
  ];
  for (const [yaml, message] of errors) t.throws(() => parseActions(parse(yaml)), { message }, yaml);
});

t.test('validation texts', async (t) => {
  const act = spec(`
act:
  params:
    name: {type: string}
    count: {type: integer}
    ratio: {type: number}
    flag: {type: [boolean, "null"]}
    mode: {enum: [fast, slow]}
    opts:
      type: object
      properties:
        level: {type: string}
      required: [level]
      additionalProperties: false
    tags: {type: array, items: {type: string}}
  required: [name]
`);
  const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
    ['valid', { name: 'x', count: 3, ratio: 0.5, flag: null, mode: 'fast', opts: { level: 'a' }, tags: ['a'] }, undefined],
    ['an integral number is an integer', { name: 'x', count: 3.0 }, undefined],
    ['missing required', {}, 'validation failed: (root) : "name" property is missing and required, given {}'],
    ['wrong type', { name: 5 }, 'validation failed: (root).name : must be of type string, given 5'],
    ['not an integer', { name: 'x', count: 2.5 }, 'validation failed: (root).count : must be of type integer, given 2.5'],
    ['a string is not a number', { name: 'x', ratio: '1' }, 'validation failed: (root).ratio : must be of type number, given "1"'],
    ['a type list', { name: 'x', flag: 'yes' }, 'validation failed: (root).flag : must be of type [boolean,null], given "yes"'],
    ['enum', { name: 'x', mode: 'medium' }, 'validation failed: (root).mode : must match one of the enum values ["fast","slow"], given "medium"'],
    [
      'unknown keys, in name order',
      { name: 'x', zz: 1, aa: '<b>' },
      'validation failed: (root) : additional property "aa" is not allowed, given {"aa":"\\u003cb\\u003e","name":"x","zz":1}; ' +
        '(root) : additional property "zz" is not allowed, given {"aa":"\\u003cb\\u003e","name":"x","zz":1}',
    ],
    [
      'nested objects',
      { name: 'x', opts: { other: true } },
      'validation failed: (root).opts : "level" property is missing and required, given {"other":true}; ' +
        '(root).opts : additional property "other" is not allowed, given {"other":true}',
    ],
    ['array items', { name: 'x', tags: ['a', 1] }, 'validation failed: (root).tags.1 : must be of type string, given 1'],
    [
      'object checks come before the properties',
      { count: 'x' },
      'validation failed: (root) : "name" property is missing and required, given {"count":"x"}; (root).count : must be of type integer, given "x"',
    ],
  ];
  for (const [name, params, expected] of cases) t.equal(validateParams(act, params), expected, name);

  const open = spec('act:\n  additionalProperties: true\n');
  t.equal(validateParams(open, { anything: 1 }), undefined, 'additionalProperties: true lets unknown keys through');
});

t.test('defaults', async (t) => {
  const act = spec(`
act:
  params:
    val: {type: string, default: somestr}
    list: {type: array, default: [1, 2]}
    nodefault: {type: string}
    obj:
      type: object
      properties:
        foo: {type: string}
        bar:
          type: object
          properties:
            baz: {type: string, default: woz}
`);
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['filled in', {}, { val: 'somestr', list: [1, 2], obj: { bar: { baz: 'woz' } } }],
    ['given values stay', { val: 'mine', list: [] }, { val: 'mine', list: [], obj: { bar: { baz: 'woz' } } }],
    ['into a given object', { obj: { foo: 'f' } }, { val: 'somestr', list: [1, 2], obj: { foo: 'f', bar: { baz: 'woz' } } }],
    ['a given scalar where an object is expected stays', { obj: 'x' }, { val: 'somestr', list: [1, 2], obj: 'x' }],
  ];
  for (const [name, params, expected] of cases) {
    const given = structuredClone(params);
    t.same(withDefaults(act, params), expected, name);
    t.same(params, given, `${name}: the given params are not changed`);
  }
});
