// `offer [model.]application:endpoint[,endpoint...] [offer-name]`: as Juju's, the model is
// folded into the first argument (jubilant passes no --model), else the current model.
import { Command } from 'commander';
import type { CommandIO } from '../io.js';

export default (io: CommandIO): Command =>
  new Command('offer')
    .description('Offer application endpoints for use in other models')
    .argument('<[model-name.]application:endpoint[,...]>')
    .argument('[offer-name]')
    .option('-c, --controller <controller>', 'the controller (juju-sim has one)')
    .action(async function (this: Command, spec: string, name: string | undefined) {
      const match = /^(?:([^.:]+)\.)?([^.:]+):(.+)$/.exec(spec);
      // Juju's own text, trailing space and all.
      if (!match) this.error('endpoints must conform to format "<application-name>:<endpoint-name>[,...]" ', { exitCode: 2 });
      const [, model, application, endpoints] = match;
      const { url } = await io.call('offer', {
        model: model ?? (io.env.JUJU_MODEL || undefined),
        application,
        endpoints: endpoints.split(','),
        name,
      });
      io.stderr.write(`Application "${application}" endpoints [${endpoints.split(',').join(' ')}] available at "${url}"\n`);
    });
