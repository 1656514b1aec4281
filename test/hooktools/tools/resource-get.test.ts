import t from 'tap';
import { type ContextResources } from '../../../core/hook-context.js';
import { ResourceGetCommand } from '../../../hooktools/tools/resource-get.js';
import { runWith } from '../fakes/run.js';
import { JujuSimError } from '../../../core/errors.js';

/** One resource, `software`; any other name fails as the context would. */
class FakeResources implements ContextResources {
  readonly fetched: string[] = [];

  downloadResource(name: string): string {
    this.fetched.push(name);
    if (name !== 'software') throw new JujuSimError(`resource "${name}" not found`);
    return '/var/lib/juju/agents/unit-app-0/resources/software/software.zip';
  }
}

const cases: Array<{ name: string; args: string[]; stdout?: string; stderr?: string; code?: number; fetched?: string[] }> = [
  {
    name: 'the path, with no newline',
    args: ['software'],
    stdout: '/var/lib/juju/agents/unit-app-0/resources/software/software.zip',
    fetched: ['software'],
  },
  {
    name: 'a resource that cannot be had',
    args: ['nope'],
    stderr: 'ERROR could not download resource: resource "nope" not found\n',
    code: 1,
    fetched: ['nope'],
  },
  { name: 'no name', args: [], stderr: 'ERROR missing required resource name\n', code: 2 },
  { name: 'two names', args: ['software', 'other'], stderr: 'ERROR unrecognized args: ["other"]\n', code: 2 },
  { name: 'an option', args: ['--format=json', 'software'], stderr: 'ERROR option provided but not defined: --format\n', code: 2 },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = new FakeResources();
    t.same(runWith(new ResourceGetCommand(ctx), c.args), { code: c.code ?? 0, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
    t.same(ctx.fetched, c.fetched ?? []);
  });
}

t.test('help', async (t) => {
  t.same(runWith(new ResourceGetCommand(new FakeResources()), ['--help']), {
    code: 0,
    stderr: '',
    stdout: `Usage: resource-get <resource name>

Summary:
Print the local path of a resource's file.

Details:
Prints the path of the unit-local copy of the named resource, as declared in the
charm metadata, at the revision the application uses. The file is fetched when the
unit has no up-to-date copy, so call resource-get wherever the file must be current.

Examples:

    resource-get software
`,
  });
});
