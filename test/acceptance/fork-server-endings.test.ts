// Fork servers: a forked hook ends as a fresh process does (sys.exit, an uncaught exception,
// os._exit, a signal, atexit handlers, a syntax error, finalizers at exit), with the same code,
// output and message.
import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forkServers, forms, normalised, probe } from '../helpers/fork.js';

for (const form of forms) t.test(`a forked hook ends as a fresh one does (${form} dispatch)`, async (t) => {
  const [fork, fresh] = [await probe(t, 'fork', form), await probe(t, 'fresh', form)];
  for (const mode of ['exit3', 'exit-text', 'raise', 'os-exit', 'sigkill', 'atexit', 'syntax', 'finalizers']) {
    const ends = [];
    for (const sim of [fork, fresh]) {
      writeFileSync(join(sim.unitCharmDir('probe/0'), 'probe-mode'), mode);
      const r = normalised(sim, await sim.run('fire', 'update-status', '--unit', 'probe/0'));
      if (r.code !== 0) await sim.ok('resolve', 'probe/0', '--no-retry');
      ends.push({ code: r.code, rest: r.rest, stderr: r.stderr.replace(/ at 0x[0-9a-f]+/g, ' at <address>'), ppid: r.report.ppid });
    }
    const [forked, started] = ends;
    t.equal(forked.ppid, forkServers(fork.home)[0], `${mode}: forked`);
    t.same({ ...forked, ppid: 0 }, { ...started, ppid: 0 }, `${mode}: the same exit code, output and message`);
  }
  // The charm's objects are finalized at exit, in the same order, and a file it never closed is flushed.
  const [forkFinalized, freshFinalized] = [fork, fresh].map((sim) => readFileSync(join(sim.unitCharmDir('probe/0'), 'probe-finalized'), 'utf8').split('\n'));
  t.same(forkFinalized, freshFinalized, 'the same finalizers ran, in the same order');
  t.same(
    [...freshFinalized].sort(),
    ['', "__main__'s global", 'a charm module\'s global', 'an unreachable cycle', 'raising', 'weakref.finalize'],
    'every one of them, in a fresh interpreter too',
  );
  for (const sim of [fork, fresh]) {
    t.equal(readFileSync(join(sim.unitCharmDir('probe/0'), 'probe-unflushed'), 'utf8'), 'written, never flushed nor closed\n', 'an unclosed file is flushed');
  }
  const history = await fork.json('history', '--unit', 'probe/0');
  t.same(
    history
      .filter((h: { outcome: string }) => h.outcome !== 'skipped')
      .slice(-8)
      .map((h: { outcome: string; code: number | null }) => [h.outcome, h.code]),
    [['failed', 3], ['failed', 1], ['failed', 1], ['failed', 4], form === 'built' ? ['failed', null] : ['failed', 137], ['ok', 0], ['failed', 1], ['ok', 0]],
    'each recorded with its code',
  );
  const log = await fork.ok('debug-log', '--include', 'probe/0', '--level', 'ERROR');
  const killed = form === 'built' ? 'signal: SIGKILL' : 'exit status 137';
  t.match(log, new RegExp(`hook "update-status" \\(via hook dispatching script: dispatch\\) failed: ${killed}`), `a kill is reported as ${killed}`);
});
