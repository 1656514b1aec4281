// settle's progress line on a real terminal (a pseudo-terminal), through the native front end,
// which tells the daemon its stderr is one; and not a byte of it when stderr is a pipe.
import t from 'tap';
import { Sim, charm, frontEnd } from '../helpers/sim.js';
import { underPty } from '../helpers/pty.js';

t.test('settle on a terminal redraws one line as hooks run and clears it; piped, it prints nothing', async (t) => {
  const sim = new Sim(t);
  await sim.ok('pause');
  await sim.ok('deploy', charm('bash-redis'), 'r', '-n', '2');
  await sim.ok('deploy', charm('bash-client'), 'c', '-n', '2');
  await sim.ok('integrate', 'r', 'c');
  const r = await underPty([frontEnd, 'settle'], [], { JUJU_SIM_HOME: sim.home });
  t.equal(r.code, 0, r.output);
  t.match(r.output, /^\rsettle: 0 run, \d+ waiting/, 'drawn from the start');
  t.match(r.output, /\rsettle: [1-9]\d* run, \d+ waiting, running [rc]\/\d \S+/, 'what runs, as it runs');
  t.ok(r.output.endsWith('\r\x1b[K'), 'cleared at the end');
  t.notOk(r.output.includes('\n'), 'one line');
  await sim.ok('add-unit', 'c');
  t.same(await sim.run('settle'), { code: 0, stdout: '', stderr: '' }, 'piped: nothing');
  t.ok((await sim.json('history', '--unit', 'c/2')).length > 0, 'and it did settle');
});
