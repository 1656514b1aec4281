// Juju's bundle format as juju-sim reads and writes it: tables of YAML → bundle and warnings, or
// → the one error naming every problem.
import t from 'tap';
import {
  bundleDocument,
  bundleYaml,
  charmPathFrom,
  localCharmPath,
  parseBundle,
  parseBundleYaml,
  type Bundle,
} from '../../core/bundle.js';

const app = (name: string, charm: string, numUnits = 0, options = {}) => ({ name, charm, numUnits, options });

t.test('bundles juju-sim deploys', async (t) => {
  const cases: Array<[string, string, Bundle, string[]]> = [
    [
      'applications by name, units, options, relations as pairs of endpoints or applications',
      `
applications:
  web:
    charm: ./charms/web
    num_units: 2
    options: {port: 8080, debug: true, name: front, unset: null}
  db:
    charm: /srv/charms/db
relations:
  - [web:db, db:server]
  - [db, web]
`,
      {
        applications: [app('db', '/srv/charms/db'), app('web', './charms/web', 2, { port: 8080, debug: true, name: 'front' })],
        relations: [
          ['web:db', 'db:server'],
          ['db', 'web'],
        ],
      },
      [],
    ],
    ['scale is num_units by another name', 'applications: {a: {charm: ../a, scale: 3}}', { applications: [app('a', '../a', 3)], relations: [] }, []],
    [
      'what only a charm store, a cloud or a description uses is taken without a word',
      `
name: demo
description: a demo
series: jammy
default-base: ubuntu@22.04
tags: [demo]
applications:
  a: {charm: local:a, channel: latest/edge, revision: 3, series: jammy, base: ubuntu@22.04, annotations: {gui-x: "1"}, expose: false, to: []}
`,
      { applications: [app('a', 'local:a')], relations: [] },
      [],
    ],
    [
      'what needs machines, a cloud or Charmhub is ignored, with a warning each',
      `
machines: {"0": {}}
applications:
  a: {charm: ./a, constraints: mem=4G, to: ["0"], expose: true, trust: true, bindings: {"": alpha}, storage: {data: 1G}, resources: {image: 3}}
`,
      { applications: [app('a', './a')], relations: [] },
      [
        'machines ignored: every juju-sim unit gets a machine of its own',
        'application "a": constraints ignored: juju-sim has no machines to constrain',
        'application "a": to ignored: every juju-sim unit gets a machine of its own',
        'application "a": expose ignored: every unit\'s address is reachable from this machine',
        'application "a": trust ignored: juju-sim has no cloud credential to trust it with',
        'application "a": bindings ignored: juju-sim binds every endpoint to the unit\'s one address',
        'application "a": storage ignored: storage is not implemented in juju-sim',
        'application "a": resources ignored: resources are not implemented in juju-sim',
      ],
    ],
  ];
  for (const [name, yaml, bundle, warnings] of cases) t.same(parseBundleYaml(yaml), { bundle, warnings }, name);
});

t.test('bundles juju-sim refuses, every problem named', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['a Charmhub charm', 'applications: {pg: {charm: postgresql}}', 'invalid bundle: application "pg": charm "postgresql" is not a local path (./, ../ or /): juju-sim cannot deploy charms from Charmhub'],
    ['a path that does not start like one', 'applications: {a: {charm: charms/a}}', 'invalid bundle: application "a": charm "charms/a" is not a local path (./, ../ or /): juju-sim cannot deploy charms from Charmhub'],
    ['no charm', 'applications: {a: {num_units: 1}}', 'invalid bundle: application "a" has no charm'],
    ['an undefined application', 'applications: {a: }', 'invalid bundle: bundle application for key "a" is undefined'],
    ['an invalid application name', 'applications: {A_1: {charm: ./a}}', 'invalid bundle: invalid application name "A_1"'],
    ['an unknown application key', 'applications: {a: {charm: ./a, units: 2}}', 'invalid bundle: application "a" has an unknown key "units"'],
    ['an unknown bundle key', 'services: {a: {charm: ./a}}\napplications: {a: {charm: ./a}}', 'invalid bundle: bundle has an unknown key "services"'],
    ['no applications', 'description: nothing', 'invalid bundle: at least one application must be specified'],
    ['not a map', '- a', 'invalid bundle: expected a map with "applications"'],
    ['an empty file', '', 'invalid bundle: expected a map with "applications"'],
    ['negative units', 'applications: {a: {charm: ./a, num_units: -1}}', 'invalid bundle: application "a": num_units must be a whole number, 0 or more'],
    ['scale and num_units', 'applications: {a: {charm: ./a, num_units: 1, scale: 1}}', 'invalid bundle: cannot specify both scale and num_units for application "a"'],
    ['an option that is a map', 'applications: {a: {charm: ./a, options: {x: {y: 1}}}}', 'invalid bundle: application "a": option "x" must be a string, a number or a boolean'],
    ['saas', 'saas: {db: {url: admin/db.db}}\napplications: {a: {charm: ./a}}', 'invalid bundle: saas: cross-model relations are not implemented in juju-sim'],
    ['a Kubernetes bundle', 'bundle: kubernetes\napplications: {a: {charm: ./a}}', 'invalid bundle: Kubernetes bundles are not supported: juju-sim runs machine charms'],
    ['a relation of three', 'applications: {a: {charm: ./a}, b: {charm: ./b}}\nrelations: [[a, b, a]]', 'invalid bundle: relation ["a" "b" "a"] has 3 endpoint(s), not 2'],
    ['a relation to an unknown application', 'applications: {a: {charm: ./a}}\nrelations: [[a:db, c:db]]', 'invalid bundle: relation ["a:db" "c:db"] refers to application "c" not defined in this bundle'],
    ['bad relation syntax', 'applications: {a: {charm: ./a}, b: {charm: ./b}}\nrelations: [["a:", b]]', 'invalid bundle: invalid relation syntax "a:"'],
    ['a relation to itself', 'applications: {a: {charm: ./a}}\nrelations: [[a:x, a:y]]', 'invalid bundle: relation ["a:x" "a:y"] relates an application to itself'],
    ['a relation twice', 'applications: {a: {charm: ./a}, b: {charm: ./b}}\nrelations: [[a, b], [b, a]]', 'invalid bundle: relation ["b" "a"] is defined more than once'],
    ['bad YAML', 'applications: {a: [}', 'cannot parse bundle: '],
    ['an overlay', 'applications: {a: {charm: ./a}}\n---\napplications: {a: {num_units: 2}}', 'cannot deploy bundle: overlays (more than one YAML document) are not supported by juju-sim'],
    [
      'several problems at once',
      'applications: {pg: {charm: postgresql}, a: {charm: ./a, units: 1}}\nrelations: [[a, c]]',
      'invalid bundle:\n  application "a" has an unknown key "units"\n  application "pg": charm "postgresql" is not a local path (./, ../ or /): juju-sim cannot deploy charms from Charmhub\n  relation ["a" "c"] refers to application "c" not defined in this bundle',
    ],
  ];
  for (const [name, yaml, message] of cases) {
    t.throws(() => parseBundleYaml(yaml), { message: message.endsWith(': ') ? new RegExp(`^${message}`) : message }, name);
  }
});

t.test('local charm paths, from a bundle and for one', async (t) => {
  const from: Array<[string, string]> = [
    ['./charms/a', '/b/charms/a'],
    ['../a', '/a'],
    ['/srv/a', '/srv/a'],
    ['local:a', '/b/a'],
    ['local:jammy/a-3', '/b/a'],
  ];
  for (const [charm, want] of from) t.equal(localCharmPath(charm, '/b'), want, charm);
  const to: Array<[string, string]> = [
    ['/b/charms/a', './charms/a'],
    ['/a', '../a'],
    ['/b', '.'],
  ];
  for (const [path, want] of to) t.equal(charmPathFrom('/b', path), want, path);
});

t.test('a bundle written is the bundle read', async (t) => {
  const bundle: Bundle = {
    applications: [app('a', './a', 2, { port: 7000, debug: true, name: 'x' }), app('b', '/srv/b')],
    relations: [['a:redis', 'b:redis']],
  };
  t.same(bundleDocument(bundle), {
    applications: { a: { charm: './a', num_units: 2, options: { port: 7000, debug: true, name: 'x' } }, b: { charm: '/srv/b' } },
    relations: [['a:redis', 'b:redis']],
  });
  t.same(parseBundleYaml(bundleYaml(bundle)), { bundle, warnings: [] });
  t.same(parseBundle(bundleDocument(bundle)).bundle, bundle, 'as the CLI sends it to the daemon');
});
