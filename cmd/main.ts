#!/usr/bin/env node
// juju-sim run by Node, with this process's I/O: the daemon subcommands, the first call (which
// starts the daemon) and whatever the native front end hands over (hooktools/client/jujuc.c).
import { call } from '../agent/control/client.js';
import { processIO } from './io.js';
import { runCommandLine } from './program.js';

const args = process.argv.slice(2);
// The front end hands a call to Node only when no daemon listens. Every command but the daemon's
// own and help starts one, even those that need none (clouds, version: jubilant's first call), so
// that the calls after it are the front end's, in milliseconds, rather than Node's. A daemon that
// cannot start is reported by the command that needs it, in its words; one that needs none goes on.
// The charm builders are charmcraft's work, not a model's, and start none: a `make` that builds
// the example charms leaves no daemon behind.
const startsNoDaemon = ['daemon', 'help', '-h', '--help', 'build', 'pack', undefined];
if (!startsNoDaemon.includes(args[0])) await call('ping', {}).catch(() => undefined);
// The front end says which name it was called by when it hands a call over.
process.exitCode = await runCommandLine(args, processIO(), process.env.JUJU_SIM_COMMAND_LINE);
