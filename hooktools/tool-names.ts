// Prints the name of every hook tool, one per line, for the build to link to the client.
import { toolNames } from './registry.js';

process.stdout.write(`${toolNames.join('\n')}\n`);
