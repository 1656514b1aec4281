// `juju` for what jubilant suites set up besides charms and relations: file resources
// (deploy/refresh --resource, resource-get in hooks), trust (credential-get, config's
// application-config) and the model's constraints, with Juju's outputs and errors.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sim, fixture } from '../helpers/sim.js';

const scratch = mkdtempSync(join(tmpdir(), 'jsim-juju-rest-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

const file = (name: string, content: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

const workload = async (sim: Sim, unit: string): Promise<{ current: string; message: string }> => {
  const status = JSON.parse((await sim.juju('status', '--format', 'json')).stdout);
  return status.applications[unit.split('/')[0]].units[unit]['workload-status'];
};

t.test("deploy --resource: the unit's copy is where resource-get says, a missing upload fails as Juju's does", async (t) => {
  const sim = new Sim(t);
  const deployed = await sim.juju('deploy', fixture('resource-user'), 'res', '--resource', `payload=${file('one.txt', 'first')}`);
  t.equal(deployed.code, 0, deployed.stderr);
  t.equal((await sim.juju('deploy', fixture('resource-user'), 'bare')).code, 0, 'no resource given: deployed all the same');
  await sim.ok('settle');
  const copy = join(sim.home, 'models', 'default', 'agents', 'unit-res-0', 'resources', 'payload', 'payload.txt');
  t.has(await workload(sim, 'res/0'), { current: 'active', message: `${copy} holds first` });
  t.equal((await workload(sim, 'bare/0')).message, 'ERROR could not download resource: resource "payload" not found');

  const exec = JSON.parse((await sim.juju('exec', '--format', 'json', '--unit', 'res/0', '--', 'resource-get payload')).stdout);
  t.same(exec['res/0'].results, { 'return-code': 0, stdout: copy }, 'the path, without a newline');
  const unknown = JSON.parse((await sim.juju('exec', '--format', 'json', '--unit', 'res/0', '--', 'resource-get nope')).stdout);
  t.same(unknown['res/0'].results, { 'return-code': 1, stderr: 'ERROR could not download resource: resource "nope" not found\n' });
  const usage = JSON.parse((await sim.juju('exec', '--format', 'json', '--unit', 'res/0', '--', 'resource-get')).stdout);
  t.same(usage['res/0'].results, { 'return-code': 2, stderr: 'ERROR missing required resource name\n' });

  const refreshed = await sim.juju('refresh', 'res', '--path', fixture('resource-user'), '--resource', `payload=${file('two.txt', 'second')}`);
  t.equal(refreshed.code, 0, refreshed.stderr);
  await sim.ok('settle');
  t.equal((await workload(sim, 'res/0')).message, `${copy} holds second`, 'upgrade-charm finds the new file');
});

t.test('--resource refused as Juju refuses it: bad pairs, names the charm lacks, images, unreadable files', async (t) => {
  const sim = new Sim(t);
  const payload = file('p.txt', 'x');
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', 'payload'), {
    code: 2,
    stdout: '',
    stderr: 'ERROR invalid value "payload" for option --resource: badly formatted name value pair: payload\n',
  });
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', `payload=${payload}`, '--resource', `payload=${payload}`), {
    code: 2,
    stdout: '',
    stderr: `ERROR invalid value "payload=${payload}" for option --resource: duplicate name specified: "payload"\n`,
  });
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', `bogus=${payload}`), {
    code: 1,
    stdout: '',
    stderr: 'ERROR unrecognized resource "bogus"\n',
  });
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', `bogus=${payload}`, '--resource', `other=${payload}`), {
    code: 1,
    stdout: '',
    stderr: 'ERROR unrecognized resources: bogus, other\n',
  });
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', `image=${payload}`), {
    code: 1,
    stdout: '',
    stderr: 'ERROR resource "image" is an OCI image: not implemented in juju-sim, which runs machine charms only\n',
  });
  const missing = join(scratch, 'absent');
  t.same(await sim.juju('deploy', fixture('resource-user'), 'a', '--resource', `payload=${missing}`), {
    code: 1,
    stdout: '',
    stderr: `ERROR open ${missing}: no such file or directory\n`,
  });
  t.same(await sim.juju('refresh', 'a', '--resource', `payload=${payload}`), {
    code: 1,
    stdout: '',
    stderr: 'ERROR refresh --resource without --path is not implemented in juju-sim\n',
  });
  const status = JSON.parse((await sim.juju('status', '--format', 'json')).stdout);
  t.same(status.applications, {}, 'nothing refused was deployed');
});

t.test('a packed .charm with its resource, as jubilant deploys one', async (t) => {
  const sim = new Sim(t);
  const packed = (await sim.ok('pack', fixture('resource-user'), '-o', scratch)).trim();
  t.match(packed, /resource-user\.charm$/);
  const deployed = await sim.juju('deploy', packed, '--resource', `payload=${file('tar', '')}`);
  t.equal(deployed.code, 0, deployed.stderr);
  await sim.ok('settle');
  t.match((await workload(sim, 'resource-user/0')).message, /resources\/payload\/payload\.txt holds $/);
});

t.test("trust: credential-get for a trusted application only, config's application-config", async (t) => {
  const sim = new Sim(t);
  t.equal((await sim.juju('deploy', fixture('ticker'), 'trusted', '--trust')).code, 0);
  t.equal((await sim.juju('deploy', fixture('ticker'), 'plain')).code, 0);
  await sim.ok('settle');
  const trustConfig = async (app: string): Promise<unknown> => JSON.parse((await sim.juju('config', '--format', 'json', app)).stdout)['application-config'];
  const described = { default: false, description: 'Does this application have access to trusted credentials', type: 'bool' };
  t.same(await trustConfig('trusted'), { trust: { ...described, source: 'user', value: true } });
  t.same(await trustConfig('plain'), { trust: { ...described, source: 'default', value: false } });
  const config = (await sim.juju('config', '--format', 'json', 'plain')).stdout;
  t.match(config, /^\{"application":"plain","application-config":\{"trust":\{"default":false,"description":"[^"]*","source":"default","type":"bool","value":false\}\},"charm":"ticker","settings":/);

  const credential = async (unit: string): Promise<{ 'return-code': number; stdout?: string; stderr?: string }> =>
    JSON.parse((await sim.juju('exec', '--format', 'json', '--unit', unit, '--', 'credential-get --format json')).stdout)[unit].results;
  t.same(await credential('trusted/0'), {
    'return-code': 0,
    stdout: '{"type":"lxd","name":"localhost","region":"localhost","credential":{"auth-type":"certificate"},"is-controller-cloud":true}\n',
  });
  const denied = { 'return-code': 1, stderr: 'ERROR cannot access cloud credentials: permission denied\n' };
  t.same(await credential('plain/0'), denied);

  t.same(await sim.juju('trust', 'plain', '--scope', 'cluster'), { code: 0, stdout: '', stderr: '' });
  t.equal((await credential('plain/0'))['return-code'], 0, 'trusted now');
  t.same(await sim.juju('trust', 'trusted', '--remove'), { code: 0, stdout: '', stderr: '' });
  t.same(await credential('trusted/0'), denied, 'no longer');
  t.same(await trustConfig('trusted'), { trust: { ...described, source: 'default', value: false } });
  t.same(await sim.juju('trust'), { code: 2, stdout: '', stderr: 'ERROR no application name specified\n' });
  t.same(await sim.juju('trust', 'nope'), { code: 1, stdout: '', stderr: 'ERROR application "nope" not found\n' });
});

t.test('model constraints: set as pytest-jubilant sets them, shown as Juju shows them', async (t) => {
  const sim = new Sim(t);
  t.same(await sim.juju('model-constraints', '--format', 'json'), { code: 0, stdout: '{}\n', stderr: '' });
  t.same(await sim.juju('set-model-constraints', 'arch=amd64'), { code: 0, stdout: '', stderr: '' });
  t.same(await sim.juju('model-constraints', '--format', 'json'), { code: 0, stdout: '{"arch":"amd64"}\n', stderr: '' });
  t.equal((await sim.juju('set-model-constraints', 'mem=4G cores=2', 'tags=a,b', 'arch=arm64')).code, 0);
  t.same(await sim.juju('model-constraints', '--format', 'json'), {
    code: 0,
    stdout: '{"arch":"arm64","cores":2,"mem":4096,"tags":["a","b"]}\n',
    stderr: '',
  });
  t.same(await sim.juju('model-constraints'), { code: 0, stdout: 'arch=arm64 cores=2 mem=4096M tags=a,b\n', stderr: '' });
  t.same(await sim.juju('model-constraints', '--format', 'yaml'), { code: 0, stdout: 'arch: arm64\ncores: 2\nmem: 4096\ntags:\n- a\n- b\n', stderr: '' });
  t.same(await sim.juju('set-model-constraints', 'arch=vax'), { code: 2, stdout: '', stderr: 'ERROR bad "arch" constraint: "vax" not recognized\n' });
  t.same(await sim.juju('set-model-constraints', 'colour=red'), { code: 2, stdout: '', stderr: 'ERROR unknown constraint "colour"\n' });
  t.same(await sim.juju('set-model-constraints', 'mem'), { code: 2, stdout: '', stderr: 'ERROR malformed constraint "mem"\n' });
  t.same(await sim.juju('set-model-constraints', 'cores=1', 'cores=2'), { code: 2, stdout: '', stderr: 'ERROR bad "cores" constraint: already set\n' });
  const other = await sim.juju('add-model', '--no-switch', 'other');
  t.equal(other.code, 0, other.stderr);
  t.same((await sim.juju('model-constraints', '--model', 'other', '--format', 'json')).stdout, '{}\n', 'per model');
});

t.test("clouds and credentials: the client's bookkeeping, as jubilant's test_cloud and test_credentials use it", async (t) => {
  const sim = new Sim(t);
  const definition = (endpoint: string): string =>
    file(`cloud-${endpoint.length}.yaml`, `clouds:\n  it-cloud:\n    type: openstack\n    auth-types: [userpass]\n    regions:\n      dev-region:\n        endpoint: ${endpoint}\n`);
  t.same(await sim.juju('add-cloud', 'it-cloud', '--client', '--file', definition('https://add.local:5000/v3')), {
    code: 0,
    stdout: '',
    stderr: 'Cloud "it-cloud" successfully added to your local client.\n',
  });
  t.same(await sim.juju('show-cloud', '--client', 'it-cloud'), {
    code: 0,
    // Juju writes auth-types in flow style ([userpass]); juju-sim's YAML encoder has block style only.
    stdout: 'Client cloud "it-cloud":\n\ndefined: local\ntype: openstack\nauth-types:\n- userpass\nregions:\n  dev-region:\n    endpoint: https://add.local:5000/v3\n\n',
    stderr: '',
  });
  t.equal((await sim.juju('update-cloud', 'it-cloud', '--client', '-f', definition('https://updated.local:5000/v3'))).code, 0);
  t.same(JSON.parse((await sim.juju('show-cloud', 'it-cloud', '--client', '--format', 'json')).stdout), {
    defined: 'local',
    type: 'openstack',
    'auth-types': ['userpass'],
    regions: { 'dev-region': { endpoint: 'https://updated.local:5000/v3' } },
  });
  t.same(Object.keys(JSON.parse((await sim.juju('clouds', '--format', 'json')).stdout)), ['it-cloud', 'localhost']);
  t.same(await sim.juju('remove-cloud', '--client', 'it-cloud'), { code: 0, stdout: '', stderr: 'Removed details of cloud "it-cloud" from this client\n' });
  t.same(await sim.juju('show-cloud', '--client', 'it-cloud'), { code: 1, stdout: '', stderr: 'ERROR cloud it-cloud not found\n' });
  t.same(await sim.juju('clouds'), {
    code: 0,
    stdout: 'Clouds available on the client:\nCloud      Regions  Default    Type  Credentials  Source    Description\nlocalhost  1        localhost  lxd   0            built-in  LXD Container Hypervisor\n',
    stderr: '',
  });

  t.equal((await sim.juju('add-cloud', 'it-cloud', '--controller', 'juju-sim', '--file', definition('https://ctrl.local:5000/v3'))).code, 0);
  t.match((await sim.juju('show-cloud', '--controller', 'juju-sim', 'it-cloud')).stdout, /^Cloud "it-cloud" from controller "juju-sim":\n\n[\s\S]*https:\/\/ctrl\.local:5000\/v3/);
  t.equal((await sim.juju('show-cloud', '--client', 'it-cloud')).code, 1, 'the controller copy only');

  const credentials = file('creds.yaml', 'credentials:\n  aws:\n    cred1:\n      auth-type: access-key\n      access-key: fake-access-key\n      secret-key: fake-secret-key\n');
  t.same(await sim.juju('add-credential', 'aws', '--client', '--file', credentials), {
    code: 0,
    stdout: '',
    stderr: 'Credential "cred1" added locally for cloud "aws".\n\n',
  });
  t.same(JSON.parse((await sim.juju('credentials', '--format', 'json')).stdout), {
    'client-credentials': { aws: { 'cloud-credentials': { cred1: { 'auth-type': 'access-key', details: { 'access-key': 'fake-access-key' } } } } },
  });
  const secrets = JSON.parse((await sim.juju('credentials', '--format', 'json', '--show-secrets')).stdout);
  t.equal(secrets['client-credentials'].aws['cloud-credentials'].cred1.details['secret-key'], 'fake-secret-key');
  t.equal((await sim.juju('add-credential', 'gce', '--client', '--file', credentials)).code, 1, 'nothing for that cloud in the file');
});
