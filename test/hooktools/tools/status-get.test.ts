import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { StatusGetCommand } from '../../../hooktools/tools/status-get.js';
import { fakeStatus, type FakeStatusSpec } from '../fakes/status.js';
import { runWith as run } from '../fakes/run.js';

const failure = (message: string, code: number) => ({ stderr: `ERROR ${message}\n`, code });

const leader: FakeStatusSpec = {
  leader: true,
  // Status data reaches Juju's tool decoded from JSON: numbers are float64.
  unit: { status: 'active', info: 'doing work', data: { foo: 'bar', count: 3, big: 1000000, nested: { list: [1, 'x'] } } },
  application: { status: 'active', info: 'this is an application status', data: {} },
  units: [
    { unit: 'wordpress/1', status: 'waiting', info: 'for db', data: {} },
    { unit: 'wordpress/0', status: 'active', info: 'doing work', data: { foo: 'bar' } },
  ],
};
const minion: FakeStatusSpec = { ...leader, leader: false };

const unitYaml = `message: doing work
status: active
status-data:
  big: 1e+06
  count: 3
  foo: bar
  nested:
    list:
    - 1
    - x
`;
const unitJson = '{"message":"doing work","status":"active","status-data":{"big":1000000,"count":3,"foo":"bar","nested":{"list":[1,"x"]}}}\n';
const appJson =
  '{"application-status":{"message":"this is an application status","status":"active","status-data":{},"units":{' +
  '"wordpress/0":{"message":"doing work","status":"active","status-data":{"foo":"bar"}},' +
  '"wordpress/1":{"message":"for db","status":"waiting","status-data":{}}}}}\n';

const cases: Array<{ name: string; spec?: FakeStatusSpec; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'smart prints the status word', args: [], stdout: 'active\n' },
  { name: 'yaml prints a map', args: ['--format', 'yaml'], stdout: 'status: active\n' },
  { name: 'json prints a map', args: ['--format=json'], stdout: '{"status":"active"}\n' },
  { name: '--include-data, smart', args: ['--include-data'], stdout: unitYaml },
  { name: '--include-data, yaml', args: ['--include-data', '--format', 'yaml'], stdout: unitYaml },
  { name: 'charmhelpers: --format=json --include-data', args: ['--format=json', '--include-data'], stdout: unitJson },
  { name: 'ops 3.4+', args: ['--include-data', '--format=json', '--application=false'], stdout: unitJson },
  { name: 'ops 3.0-3.3', args: ['--include-data', '--application=False', '--format=json'], stdout: unitJson },
  {
    name: 'no data is an empty map',
    spec: { leader: false, unit: { status: 'maintenance', info: '', data: {} } },
    args: ['--include-data'],
    stdout: 'message: ""\nstatus: maintenance\nstatus-data: {}\n',
  },

  { name: '--application, smart', args: ['--application'], stdout: 'active\n' },
  { name: 'ops: --application=true', args: ['--include-data', '--format=json', '--application=true'], stdout: appJson },
  { name: 'ops 3.0-3.3: --application=True', args: ['--include-data', '--application=True', '--format=json'], stdout: appJson },
  {
    name: '--application, yaml without data',
    args: ['--application', '--format', 'yaml'],
    stdout: `application-status:
  status: active
  units:
    wordpress/0:
      status: active
    wordpress/1:
      status: waiting
`,
  },
  {
    name: '--application with no units',
    spec: { leader: true, application: { status: 'blocked', info: 'x', data: {} } },
    args: ['--application', '--format=json'],
    stdout: '{"application-status":{"status":"blocked","units":{}}}\n',
  },
  { name: '--application by a non-leader', spec: minion, args: ['--application'], ...failure('finding application status: this unit is not the leader', 1) },
  {
    name: '--application by a non-leader, json',
    spec: minion,
    args: ['--include-data', '--format=json', '--application=true'],
    ...failure('finding application status: this unit is not the leader', 1),
  },
  { name: 'unit status read failure', spec: { leader: false, readError: 'boom' }, args: [], ...failure('finding workload status: boom', 1) },
  { name: 'no arguments', args: ['active'], ...failure('unrecognized args: ["active"]', 2) },
  { name: 'bad format', args: ['--format', 'xml'], ...failure('invalid value "xml" for option --format: unknown format "xml"', 2) },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new StatusGetCommand(fakeStatus(c.spec ?? leader)), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}

t.test('--output', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'status-get-'));
  const got = run(new StatusGetCommand(fakeStatus(leader)), ['--format', 'json', '--output', 'some-file', '--include-data'], { dir });
  t.same(got, { code: 0, stdout: '', stderr: '' });
  t.equal(readFileSync(join(dir, 'some-file'), 'utf8'), unitJson);
});

t.test('Juju ignores a failure to write the map, not the status word', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'status-get-'));
  const map = run(new StatusGetCommand(fakeStatus(leader)), ['--format=json', '-o', 'missing/file'], { dir });
  t.same(map, { code: 0, stdout: '', stderr: '' });
  const word = run(new StatusGetCommand(fakeStatus(leader)), ['-o', 'missing/file'], { dir });
  t.same(word, { code: 1, stdout: '', stderr: `ERROR open ${join(dir, 'missing/file')}: no such file or directory\n` });
});

t.test('help', async (t) => {
  const got = run(new StatusGetCommand(fakeStatus(leader)), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: status-get \[options\] \[--include-data\] \[--application\]\n/);
  t.match(got.stdout, '\n--application  (= false)\n');
  t.match(got.stdout, '\n--include-data  (= false)\n');
});
