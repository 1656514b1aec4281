import t from 'tap';
import type { ContextLogger, ContextRelation } from '../../../core/hook-context.js';
import { JujuLogCommand } from '../../../hooktools/tools/juju-log.js';
import { runWith as run } from '../fakes/run.js';

type Logged = Array<[level: string, message: string]>;

function logger(relation?: string): ContextLogger & { logged: Logged; hookRelation(): ContextRelation | undefined } {
  const logged: Logged = [];
  return {
    logged,
    log: (level, message) => void logged.push([level, message]),
    hookRelation: () => (relation === undefined ? undefined : ({ fakeId: () => relation } as ContextRelation)),
  };
}

const invalid = (level: string): [string, string] => ['WARNING', `Specified log level of "${level}" is not valid`];

const cases: Array<{ name: string; args: string[]; logged?: Logged; stderr?: string; code?: number }> = [
  { name: 'no message (reference vector)', args: [], stderr: 'ERROR no message specified\n', code: 2 },
  { name: 'only --', args: ['--'], stderr: 'ERROR no message specified\n', code: 2 },
  { name: 'a level but no message', args: ['-l', 'FATAL'], stderr: 'ERROR no message specified\n', code: 2 },
  { name: '-l without a value', args: ['-l'], stderr: 'ERROR option needs an argument: -l\n', code: 2 },
  { name: '--log-level without a value', args: ['--log-level'], stderr: 'ERROR option needs an argument: --log-level\n', code: 2 },
  { name: 'an empty message is logged', args: [''], logged: [['INFO', '']] },
  { name: 'words are joined with a space', args: ['foo', 'msg', 'a  b'], logged: [['INFO', 'foo msg a  b']] },
  { name: 'newlines are kept', args: ['Traceback:\n  line 1\n'], logged: [['INFO', 'Traceback:\n  line 1\n']] },
  { name: 'ops: --log-level L -- msg', args: ['--log-level', 'DEBUG', '--', 'ops 3.1 up and running.'], logged: [['DEBUG', 'ops 3.1 up and running.']] },
  {
    name: 'ops: a TRACE security event',
    args: ['--log-level', 'TRACE', '--', '{"type":"security","level":"WARN"}'],
    logged: [['TRACE', '{"type":"security","level":"WARN"}']],
  },
  { name: 'charmhelpers: -l L msg', args: ['-l', 'WARNING', 'disk full'], logged: [['WARNING', 'disk full']] },
  { name: 'levels ignore case', args: ['-l', 'error', 'x'], logged: [['ERROR', 'x']] },
  { name: 'WARN is WARNING', args: ['-l', 'Warn', 'x'], logged: [['WARNING', 'x']] },
  { name: 'CRITICAL', args: ['--log-level=critical', 'x'], logged: [['CRITICAL', 'x']] },
  { name: 'an unknown level warns, then logs at INFO', args: ['-l', 'FATAL', 'x'], logged: [invalid('FATAL'), ['INFO', 'x']] },
  { name: 'the warning quotes the level as given', args: ['-l', 'ba"d', 'x'], logged: [invalid('ba\\"d'), ['INFO', 'x']] },
  { name: 'UNSPECIFIED is valid but logs nothing', args: ['-l', 'unspecified', 'x'], logged: [] },
  { name: 'an empty level is INFO', args: ['-l', '', 'x'], logged: [['INFO', 'x']] },
  { name: '--debug wins over -l', args: ['--debug', '-l', 'ERROR', 'x'], logged: [['DEBUG', 'x']] },
  { name: '--debug skips the level check', args: ['-l', 'FATAL', '--debug', 'x'], logged: [['DEBUG', 'x']] },
  { name: '--debug=false', args: ['--debug=false', 'x'], logged: [['INFO', 'x']] },
  { name: 'options after the message', args: ['x', '-l', 'DEBUG'], logged: [['DEBUG', 'x']] },
  { name: 'options after -- are words', args: ['--', '-l', 'DEBUG'], logged: [['INFO', '-l DEBUG']] },
  {
    name: '--format is deprecated (no newline)',
    args: ['--format', 'foo', 'msg'],
    logged: [['INFO', 'msg']],
    stderr: '--format flag deprecated for command "juju-log"',
  },
  { name: 'an empty --format says nothing', args: ['--format=', 'msg'], logged: [['INFO', 'msg']] },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const ctx = logger();
    const got = run(new JujuLogCommand(ctx), c.args);
    t.same(got, { code: c.code ?? 0, stdout: '', stderr: c.stderr ?? '' });
    t.same(ctx.logged, c.logged ?? []);
  });
}

t.test('in a relation hook the message names the relation; the level warning does not', async (t) => {
  const ctx = logger('db:3');
  t.same(run(new JujuLogCommand(ctx), ['-l', 'FATAL', 'x']), { code: 0, stdout: '', stderr: '' });
  t.same(ctx.logged, [invalid('FATAL'), ['INFO', 'db:3: x']]);
});

t.test('help', async (t) => {
  const got = run(new JujuLogCommand(logger()), ['--help']);
  t.equal(got.code, 0);
  t.match(got.stdout, /^Usage: juju-log \[options\] <message>\n/);
  t.match(got.stdout, '\n--debug  (= false)\n');
  t.match(got.stdout, '\n-l, --log-level (= "INFO")\n');
  t.match(got.stdout, '\n--format (= "")\n');
});
