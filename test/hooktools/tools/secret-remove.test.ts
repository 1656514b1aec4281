import t from 'tap';
import { SecretRemoveCommand } from '../../../hooktools/tools/secret-remove.js';
import { runWith } from '../fakes/run.js';
import { FakeSecrets } from '../fakes/secrets.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uri = `secret:${id}`;
const uuid = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';
const usage = (message: string) => ({ stderr: `ERROR ${message}\n`, code: 2 });

const cases: Array<{ name: string; args: string[]; removed?: [string, number | undefined]; stderr?: string; code?: number; writeFailure?: string }> = [
  // Juju's TestRemoveSecretInvalidArgs, TestRemoveSecret, TestRemoveSecretRevision.
  { name: 'no URI', args: [], ...usage('missing secret URI') },
  { name: 'not a URI', args: ['foo'], ...usage('secret URI "foo" not valid') },
  { name: 'every revision', args: [uri], removed: [uri, undefined] },
  { name: 'one revision', args: [uri, '--revision', '666'], removed: [uri, 666] },

  { name: 'ops: the URI first', args: [`secret://${uuid}/${id}`, '--revision', '3'], removed: [`secret://${uuid}/${id}`, 3] },
  { name: 'a bare ID', args: ['--revision=2', id], removed: [uri, 2] },
  { name: 'revision 0 means every revision', args: [uri, '--revision', '0'], removed: [uri, undefined] },
  { name: 'so does a negative one', args: [uri, '--revision', '-1'], removed: [uri, undefined] },
  { name: 'a revision in hex', args: [uri, '--revision', '0x10'], removed: [uri, 16] },
  {
    name: 'a revision that is not a number',
    args: [uri, '--revision', 'two'],
    ...usage('invalid value "two" for option --revision: strconv.ParseInt: parsing "two": invalid syntax'),
  },
  { name: 'too many arguments', args: [uri, uri], ...usage(`unrecognized args: ["${uri}"]`) },
  { name: 'a URI with a bad host', args: [`secret://x/${id}`], ...usage('host controller UUID "x" not valid') },
  { name: 'a secret the unit does not own', args: [uri], writeFailure: 'permission denied', removed: [uri, undefined], stderr: 'ERROR permission denied\n', code: 1 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeSecrets([], {}, c.writeFailure);
    t.same(runWith(new SecretRemoveCommand(ctx), c.args), { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.calls, c.removed ? [['removeSecret', ...c.removed]] : []);
  });
}

t.test('help', async (t) => {
  const help = runWith(new SecretRemoveCommand(new FakeSecrets()), ['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: secret-remove \[options\] <ID>\n/);
  t.match(help.stdout, '\n--revision  (= 0)\n');
});
