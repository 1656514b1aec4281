#!/usr/bin/env node
// juju-sim run by Node, with this process's I/O: the daemon subcommands, the first call (which
// starts the daemon) and whatever the native front end hands over (hooktools/client/jujuc.c).
import { processIO } from './io.js';
import { runCommandLine } from './program.js';

// The front end says which name it was called by when it hands a call over.
process.exitCode = await runCommandLine(process.argv.slice(2), processIO(), process.env.JUJU_SIM_COMMAND_LINE);
