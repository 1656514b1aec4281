// `diff N [M]`: what hook run N changed (committed, or discarded if it failed, and what it
// applied at once), or the net change of the model from after run N to after run M: relations,
// databags as `show` shows them, leader settings, statuses. juju-sim's own: Juju has no diff.
import { Command } from 'commander';
import { goQuote } from '../../core/gnuflag.js';
import { renderDiff } from '../model-diff.js';
import { formatOption, layout, render, type Format } from '../output.js';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('diff')
    .description(
      'Show what hook run N changed (its databags, charm state, ports and secrets, committed or discarded, and the leader settings and statuses it set), ' +
        'or with M what changed in the model from after run N to after run M (relations, databags, leader settings, statuses). N and M are as history numbers them.',
    )
    .argument('<n>', 'a hook run')
    .argument('[m]', 'a later (or earlier) hook run')
    .addOption(formatOption())
    .action(async function (this: Command, n: string, m: string | undefined, opts: { format: Format }) {
      const [from, to] = [n, m].map((text) => {
        if (text === undefined) return undefined;
        // A usage error, as Juju's Init reports a bad argument: exit 2.
        if (!/^[1-9][0-9]*$/.test(text)) this.error(`invalid hook run number ${goQuote(text)}`, { exitCode: 2 });
        return Number(text);
      });
      const diff = await io.call('diff', { from: from!, to });
      io.stdout.write(render(diff, opts.format, (d: typeof diff) => renderDiff(d, layout(io))));
    });
