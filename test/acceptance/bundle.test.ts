// Bundles end to end: `deploy ./bundle.yaml` creates every application and relation before any
// unit installs, so each unit runs Juju's first-start order without the user pausing;
// `export-bundle` writes a bundle that deploys the same model again; a bundle that cannot be
// deployed whole deploys nothing.
import t, { type Test } from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charmPathFrom } from '../../core/bundle.js';
import { clusteredRedisWithClient, history, hooksByUnit } from '../helpers/first-start.js';
import { Sim, charm, fixture } from '../helpers/sim.js';

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a bundle into dir; `{{name}}` stands for the path from dir to the charm of that name. */
function writeBundle(dir: string, yaml: string, file = 'bundle.yaml'): string {
  const charms: Record<string, string> = { 'clustered-redis': fixture('clustered-redis'), 'bash-client': charm('bash-client') };
  writeFileSync(join(dir, file), yaml.replace(/\{\{([a-z-]+)\}\}/g, (_, name: string) => charmPathFrom(dir, charms[name])));
  return join(dir, file);
}

/** The first-start scenario, as a bundle. */
const firstStartBundle = `
description: two applications, related, one configured
applications:
  a:
    charm: {{clustered-redis}}
    num_units: 2
    options:
      port: 7000
    constraints: mem=2G
  b:
    charm: {{bash-client}}
    num_units: 1
relations:
  - [a, b]
`;

/** What `status` says of the applications, without what changes from run to run (times). */
async function statusShape(sim: Sim): Promise<unknown> {
  const { applications } = await sim.json('status');
  return Object.fromEntries(
    Object.entries(applications as Record<string, any>).map(([name, app]) => [
      name,
      {
        charm: app['charm-name'],
        relations: app.relations,
        units: Object.fromEntries(
          Object.entries(app.units as Record<string, any>).map(([unit, u]) => [
            unit,
            [u['workload-status'].current, u['juju-status'].current, u.leader ?? false, u['public-address']],
          ]),
        ),
      },
    ]),
  );
}

t.test('a bundle creates every application and relation before any unit installs; export-bundle writes it back', async (t) => {
  const dir = tempDir(t);
  // One hook at a time: the sequences compared below depend, with hooks in parallel, on when
  // b/0's reply reaches each `a` unit (test/helpers/first-start.ts).
  const sim = new Sim(t, { maxParallelHooks: 1 });
  const deployed = await sim.run('deploy', writeBundle(dir, firstStartBundle));
  t.equal(deployed.code, 0, deployed.stderr);
  t.equal(
    deployed.stderr,
    [
      'WARNING application "a": constraints ignored: juju-sim has no machines to constrain',
      'Deployed "a" from local charm, revision 0: a/0, a/1',
      'Deployed "b" from local charm, revision 0: b/0',
      'Related "a:redis" and "b:redis"',
      'Deploy of bundle completed.',
      '',
    ].join('\n'),
  );
  await sim.ok('settle');
  t.same(await hooksByUnit(sim), clusteredRedisWithClient, 'each unit ran Juju\'s first-start order');
  t.notMatch(await sim.ok('status'), /Notes/, 'the model is not left paused');

  await sim.ok('add-unit', 'b');
  await sim.ok('settle');
  const written = await sim.run('export-bundle', '--filename', join(dir, 'exported.yaml'));
  t.equal(written.code, 0, written.stderr);
  t.equal(written.stderr, `Bundle successfully exported to ${join(dir, 'exported.yaml')}\n`);
  const bundle = readFileSync(join(dir, 'exported.yaml'), 'utf8');
  t.equal(
    bundle,
    [
      'applications:',
      '  a:',
      `    charm: ${charmPathFrom(dir, fixture('clustered-redis'))}`,
      '    num_units: 2',
      '    options:',
      '      port: 7000',
      '  b:',
      `    charm: ${charmPathFrom(dir, charm('bash-client'))}`,
      '    num_units: 2',
      'relations:',
      '  - - a:redis',
      '    - b:redis',
      '',
    ].join('\n'),
    'charm paths as deployed, relative to the file; units; options set; relations as endpoint pairs',
  );
  t.match(await sim.ok('export-bundle'), `charm: ${fixture('clustered-redis')}\n`, 'to stdout, charm paths are absolute');

  await t.test('the exported bundle deploys the same model into a fresh home', async (t) => {
    const again = new Sim(t);
    await again.ok('deploy', join(dir, 'exported.yaml'));
    await again.ok('settle');
    t.same(await statusShape(again), await statusShape(sim));
    t.equal(await again.ok('export-bundle'), await sim.ok('export-bundle'), 'and exports the same bundle');
  });
});

t.test('a bundle that cannot be deployed whole deploys nothing', async (t) => {
  const dir = tempDir(t);
  const sim = new Sim(t);
  const cases: Array<[string, string, string | RegExp]> = [
    ['a Charmhub charm', 'applications: {pg: {charm: postgresql, num_units: 1}}', 'ERROR invalid bundle: application "pg": charm "postgresql" is not a local path (./, ../ or /): juju-sim cannot deploy charms from Charmhub\n'],
    ['bad YAML', 'applications: {a: [}', /^ERROR cannot parse bundle: /],
    [
      'an unknown application in a relation',
      'applications: {a: {charm: "{{clustered-redis}}", num_units: 1}}\nrelations: [[a, c]]',
      'ERROR invalid bundle: relation ["a" "c"] refers to application "c" not defined in this bundle\n',
    ],
    ['a missing charm path', 'applications: {a: {charm: ./nope, num_units: 1}}', `ERROR charm path in application "a" does not exist: ${join(dir, 'nope')}\n`],
    [
      'an option the charm does not have',
      'applications: {a: {charm: "{{clustered-redis}}", num_units: 1, options: {colour: red}}}',
      'ERROR cannot deploy bundle: cannot add application "a": unknown option "colour"\n',
    ],
    [
      'an option of the wrong type',
      'applications: {a: {charm: "{{clustered-redis}}", num_units: 1, options: {port: lots}}}',
      'ERROR cannot deploy bundle: cannot add application "a": option "port" expected int, got "lots"\n',
    ],
    [
      'endpoints that do not relate',
      'applications: {a: {charm: "{{clustered-redis}}", num_units: 1}, b: {charm: "{{bash-client}}", num_units: 1}}\nrelations: [[a:cluster, b]]',
      'ERROR cannot deploy bundle: cannot relate "a:cluster" and "b": no relations found\n',
    ],
  ];
  for (const [name, yaml, stderr] of cases) {
    const r = await sim.run('deploy', writeBundle(dir, yaml, `${name.replace(/ /g, '-')}.yaml`));
    t.equal(r.code, 1, name);
    if (typeof stderr === 'string') t.equal(r.stderr, stderr, name);
    else t.match(r.stderr, stderr, name);
  }
  const bundle = writeBundle(dir, firstStartBundle);
  t.equal((await sim.run('deploy', bundle, 'name')).stderr, 'ERROR an application name cannot be given when deploying a bundle\n');
  t.equal((await sim.run('deploy', bundle, '-n', '2')).stderr, 'ERROR options provided but not supported when deploying a bundle: --num-units\n');
  t.same((await sim.json('status')).applications, {}, 'nothing was deployed');
  t.same(await history(sim), []);
  t.equal((await sim.run('export-bundle')).stderr, 'ERROR nothing to export as there are no applications\n', 'as Juju says of an empty model');
});
