// `show [APP[:ENDPOINT] [APP[:ENDPOINT]]] [-r ID]`: relations' databags, both sides side by side
// (cmd/databag-columns.ts); `--watch` draws them again after every change of the model; `--at N`
// draws them as they were once hook run N ended.
import { Command, InvalidArgumentError, Option } from 'commander';
import { renderRelations } from '../databag-columns.js';
import { formatOption, layout, render, type Format } from '../output.js';
import type { CommandIO } from '../io.js';
import { watchChanges } from '../watch.js';
import { hookRunNumber } from '../options.js';

interface Options {
  format: Format;
  relation?: number;
  at?: number;
  showJujuKeys?: boolean;
  watch?: boolean;
}

function relationId(text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new InvalidArgumentError('expected a relation id');
  return Number(text);
}

export default (io: CommandIO): Command =>
  new Command('show')
    .description(
      'Show relations\' databags, provider on the left: endpoint, role, leader (*), application data, each unit\'s data. ' +
        "Juju's own keys (private-address, ingress-address, egress-subnets) are hidden unless --show-juju-keys; --format json shows every key.",
    )
    .argument('[first]', 'APP or APP:ENDPOINT: the relations it takes part in')
    .argument('[second]', 'APP or APP:ENDPOINT: only those between the two')
    .addOption(new Option('-r, --relation <id>', 'only the relation with this id').argParser(relationId))
    .option('--show-juju-keys', "show the keys Juju writes itself (private-address, ingress-address, egress-subnets)")
    .addOption(new Option('--at <n>', 'the databags as they were once hook run N (its number in history) ended').argParser(hookRunNumber))
    .option('--watch', 'draw again whenever the drawing changes, until interrupted')
    .addOption(formatOption())
    .action(async function (this: Command, first: string | undefined, second: string | undefined, opts: Options) {
      const endpoints = [first, second].filter((e) => e !== undefined);
      const draw = async (): Promise<string> => {
        const shown = await io.call('show', { endpoints, relation: opts.relation, at: opts.at });
        return render(shown, opts.format, ({ relations }: typeof shown) =>
          renderRelations(relations, { ...layout(io), width: Math.max(40, layout(io).width), showJujuKeys: opts.showJujuKeys === true }),
        );
      };
      // The past does not change.
      if (opts.watch && opts.at !== undefined) this.error('--watch and --at cannot be used together', { exitCode: 2 });
      if (!opts.watch) {
        io.stdout.write(await draw());
        return;
      }
      // Most changes of the model (an operation queued, a status, a hook run) leave the databags
      // as they were: a drawing is written only when it differs from the one before.
      let drawn: string | undefined;
      await watchChanges(io, async () => {
        const text = await draw();
        if (text === drawn) return;
        drawn = text;
        // A terminal is cleared for each drawing; a pipe gets them one after another.
        io.stdout.write(io.stdout.isTTY ? `\x1b[H\x1b[2J${text}` : `${text}\n`);
      });
    });
