// show's human rendering at 80 columns, against golden files (test/golden/show*.txt): both sides
// side by side, the leader marked, Juju's keys hidden or shown, long values wrapped and cut short,
// a peer relation in one column; colour only when asked for, and never counted in the width.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { ShownRelation } from '../../agent/control/protocol.js';
import { renderRelations } from '../../cmd/databag-columns.js';
import { root } from '../helpers/sim.js';

const juju = (n: number): Record<string, string> => ({
  'private-address': `10.0.0.${n}`,
  'ingress-address': `10.0.0.${n}`,
  'egress-subnets': `10.0.0.${n}/32`,
});

const certificate = ['-----BEGIN CERTIFICATE-----', ...Array.from({ length: 6 }, (_, i) => `MIIB${String(i).repeat(28)}`), '-----END CERTIFICATE-----'].join('\n');

const model: ShownRelation[] = [
  {
    id: 0,
    interface: 'pgsql',
    endpoints: [
      {
        application: 'postgresql',
        endpoint: 'database',
        role: 'provider',
        leader: 'postgresql/1',
        'application-data': { endpoints: '10.0.0.1:5432,10.0.0.2:5432', password: 'x'.repeat(70), 'tls-ca': certificate },
        'units-data': { 'postgresql/0': { ...juju(1) }, 'postgresql/1': { ...juju(2), 'a-very-long-key-name-that-does-not-fit-its-column-at-all': 'v' } },
      },
      {
        application: 'webapp',
        endpoint: 'db',
        role: 'requirer',
        leader: null,
        'application-data': { database: 'webapp' },
        'units-data': {},
      },
    ],
  },
  {
    id: 3,
    interface: 'webapp_peers',
    endpoints: [
      { application: 'webapp', endpoint: 'peers', role: 'peer', leader: 'webapp/0', 'application-data': {}, 'units-data': { 'webapp/0': { ...juju(3), ready: 'true' } } },
    ],
  },
];

/** A golden file's text; UPDATE_GOLDEN=1 writes it from `actual` first (then read the diff). */
function golden(name: string, actual: string): string {
  const path = join(root, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

t.test('golden: 80 columns, no terminal', async (t) => {
  const plain = renderRelations(model, { width: 80, colour: false, showJujuKeys: false });
  t.equal(plain, golden('show.txt', plain));
  t.ok(plain.split('\n').every((line) => line.length <= 80), 'every line fits 80 columns');
  t.notMatch(plain, /\x1b/, 'no colour off a terminal');
  const keys = renderRelations(model, { width: 80, colour: false, showJujuKeys: true });
  t.equal(keys, golden('show-juju-keys.txt', keys));
  t.ok(keys.split('\n').every((line) => line.length <= 80));
});

t.test('colour on a terminal changes nothing but the colour', async (t) => {
  const coloured = renderRelations(model, { width: 80, colour: true, showJujuKeys: true });
  t.match(coloured, /\x1b\[1mrelation 0 \[pgsql\]\x1b\[22m/);
  t.match(coloured, /\x1b\[32mpostgresql\/1\* unit data\x1b\[39m/, 'the leader in green');
  // eslint-disable-next-line no-control-regex
  t.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), readFileSync(join(root, 'test', 'golden', 'show-juju-keys.txt'), 'utf8'));
});

t.test('narrow and empty', async (t) => {
  const narrow = renderRelations(model, { width: 41, colour: false, showJujuKeys: true });
  t.ok(narrow.split('\n').every((line) => line.length <= 41), 'every line fits 41 columns');
  t.equal(renderRelations([], { width: 80, colour: false, showJujuKeys: false }), 'No relations.\n');
});
