// Fork servers (agent/runner/fork-servers.ts): a Python hook forked from a server that has
// imported ops must be indistinguishable, for the charm, from a fresh interpreter. The
// fork-probe charm reports its own process state; each check runs it with fork servers and
// without (JUJU_SIM_FORK=0), built with either dispatch form, and compares.
import t from 'tap';
import { daemonPid, forkServers, forms, normalised, probe, withoutPerProcess } from '../helpers/fork.js';

for (const form of forms) t.test(`a forked hook sees what a fresh interpreter sees (${form} dispatch)`, async (t) => {
  const [fork, fresh] = [await probe(t, 'fork', form), await probe(t, 'fresh', form)];
  const forked = [normalised(fork, await fork.run('fire', 'update-status', '--unit', 'probe/0')), normalised(fork, await fork.run('fire', 'update-status', '--unit', 'probe/0'))];
  const started = normalised(fresh, await fresh.run('fire', 'update-status', '--unit', 'probe/0'));

  const servers = forkServers(fork.home);
  t.equal(servers.length, 1, 'one fork server for the unit');
  t.equal(forked[0].report.ppid, servers[0], 'the hook was forked by it');
  if (form === 'built') t.equal(started.report.ppid, daemonPid(fresh), 'without fork servers the daemon started the hook');
  t.same(forkServers(fresh.home), [], 'and no server runs');

  // The daemon's own inherited descriptors reach a spawned hook but never a forked one.
  const { fds: forkFds, ...forkReport } = withoutPerProcess(forked[0].report);
  const { fds: freshFds, ...freshReport } = withoutPerProcess(started.report);
  t.same(forkReport, freshReport, 'argv, sys.path, cwd, environment, __main__, signals, stdio, logging: all the same');
  t.same(forkFds, ['0', '1', '2', '3'], 'stdin, stdout, stderr and the directory being listed, nothing else');
  t.match(freshFds, ['0', '1', '2', '3'], 'the same first four in a fresh process');
  t.equal(forked[0].rest, started.rest, 'the same output after the report');
  t.equal(forked[0].stderr, started.stderr, 'the same stderr');

  t.equal(forked[0].report.counter, 1, "the charm's module is imported afresh by each hook");
  t.equal(forked[1].report.counter, 1);
  t.equal(forked[0].report.threads, 1, 'one thread');
  t.not(forked[0].report.random, forked[1].report.random, 'random is reseeded in each hook');
  t.not(forked[0].report.pid, forked[1].report.pid, 'each hook is a process of its own');
  t.same(withoutPerProcess(forked[0].report), withoutPerProcess(forked[1].report), 'and nothing else changes from hook to hook');
  const status = await fork.json('status');
  t.equal(status.applications.probe.units['probe/0']['workload-status'].message, 'counter 1', 'ops ran the hook');
});
