// The example ops and reactive charms with and without fork servers: the same databags,
// statuses, hook order and tool calls.
import t from 'tap';
import { forkServers, modeEnv, type Mode } from '../helpers/fork.js';
import { Sim, charm } from '../helpers/sim.js';

t.test('ops and reactive charms: the same databags, statuses, hook order and tool calls with and without fork servers', async (t) => {
  const runs: Record<Mode, { show: unknown; status: unknown; history: Record<string, string[]> }> = {} as never;
  for (const mode of ['fork', 'fresh'] as const) {
    // One hook at a time: with hooks in parallel, when each unit sees the others' writes depends
    // on which got there first, and fork servers change who does.
    const sim = new Sim(t, { env: modeEnv(mode), maxParallelHooks: 1 });
    await sim.ok('pause');
    for (const name of ['ops-redis', 'ops-redis-client', 'reactive-redis', 'reactive-redis-client']) await sim.ok('deploy', charm(name), name);
    await sim.ok('integrate', 'ops-redis', 'ops-redis-client');
    await sim.ok('integrate', 'reactive-redis', 'reactive-redis-client');
    await sim.ok('settle');
    // The reactive provider's leader makes a random password, charmhelpers' relation-set a
    // temporary file, the ops provider a secret: the same shape, another name.
    const mask = (text: string): string => text.replaceAll(sim.home, '<home>').replace(/[0-9a-f]{16}/g, '<password>').replace(/\/tmp\/tmp\w+/g, '<tempfile>').replace(/secret:\/\/[\w-]+\/\w+|\b[0-9a-v]{20}\b/g, '<secret>');
    const history = (await sim.json('history')) as Array<{ unit: string; hook: string; outcome: string; toolCalls: Array<{ tool: string; args: string[]; code: number }> }>;
    const byUnit: Record<string, string[]> = {};
    for (const run of history) {
      (byUnit[run.unit] ??= []).push(mask(JSON.stringify([run.hook, run.outcome, run.toolCalls.map((c) => [c.tool, c.args, c.code])])));
    }
    const status = await sim.json('status');
    delete status.model;
    delete status.controller;
    runs[mode] = { show: JSON.parse(mask(JSON.stringify(await sim.json('show')))), status: JSON.parse(mask(JSON.stringify(status)).replace(/"since":"[^"]*"/g, '"since":""')), history: byUnit };
    if (mode === 'fork') t.equal(forkServers(sim.home).length, 4, 'a server per unit');
  }
  t.same(runs.fork.show, runs.fresh.show, 'the same databags');
  t.same(runs.fork.status, runs.fresh.status, 'the same statuses');
  t.same(runs.fork.history, runs.fresh.history, 'the same hooks, in the same order, with the same tool calls');
});
