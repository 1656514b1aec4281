import t from 'tap';
import { CredentialGetCommand } from '../../../hooktools/tools/credential-get.js';
import { fakeInstance } from '../fakes/instance.js';
import { runWith as run } from '../fakes/run.js';

const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

// params.CloudSpec under its JSON names, as cloudSpec() answers it.
const lxd = {
  type: 'lxd',
  name: 'localhost',
  region: 'localhost',
  endpoint: 'https://10.0.0.1:8443',
  credential: { 'auth-type': 'certificate', attrs: { 'client-key': 'KEY', 'client-cert': 'CERT' } },
  cacertificates: [cert],
  'is-controller-cloud': true,
};

// Go's struct has JSON tags only: yaml names each field by its lower-cased Go name and prints
// every field, zero values included.
const lxdYaml = `type: lxd
name: localhost
region: localhost
endpoint: https://10.0.0.1:8443
identityendpoint: ""
storageendpoint: ""
credential:
  authtype: certificate
  attributes:
    client-cert: CERT
    client-key: KEY
  redacted: []
cacertificates:
- |
  -----BEGIN CERTIFICATE-----
  MIIB
  -----END CERTIFICATE-----
skiptlsverify: false
iscontrollercloud: true
`;
const lxdJson =
  '{"type":"lxd","name":"localhost","region":"localhost","endpoint":"https://10.0.0.1:8443",' +
  '"credential":{"auth-type":"certificate","attrs":{"client-cert":"CERT","client-key":"KEY"}},' +
  '"cacertificates":["-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"],"is-controller-cloud":true}\n';

const minimal = { type: 'manual', name: 'vms' };
const minimalYaml = `type: manual
name: vms
region: ""
endpoint: ""
identityendpoint: ""
storageendpoint: ""
credential: null
cacertificates: []
skiptlsverify: false
iscontrollercloud: false
`;

const cases: Array<{ name: string; spec: Record<string, unknown> | string; args: string[]; stdout?: string; stderr?: string; code?: number }> = [
  { name: 'smart is yaml', spec: lxd, args: [], stdout: lxdYaml },
  { name: 'yaml', spec: lxd, args: ['--format', 'yaml'], stdout: lxdYaml },
  { name: 'ops: json', spec: lxd, args: ['--format=json'], stdout: lxdJson },
  { name: 'zero values, yaml', spec: minimal, args: [], stdout: minimalYaml },
  { name: 'zero values, json', spec: minimal, args: ['--format=json'], stdout: '{"type":"manual","name":"vms"}\n' },
  {
    name: 'a credential with nothing but its type',
    spec: { ...minimal, credential: { 'auth-type': 'empty' }, 'skip-tls-verify': true },
    args: ['--format=json'],
    stdout: '{"type":"manual","name":"vms","credential":{"auth-type":"empty"},"skip-tls-verify":true}\n',
  },
  {
    name: 'not trusted',
    spec: 'permission denied',
    args: ['--format=json'],
    stderr: 'ERROR cannot access cloud credentials: permission denied\n',
    code: 1,
  },
  { name: 'no arguments', spec: lxd, args: ['x'], stderr: 'ERROR unrecognized args: ["x"]\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const got = run(new CredentialGetCommand(fakeInstance({ cloudSpec: c.spec })), c.args);
    t.same(got, { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
  });
}
