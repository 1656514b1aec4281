// Runs one tool command built against a fake context slice (runTool in ../fake-context.ts needs
// a whole HookContext), with a recording ToolIO.

import { runCommand, type ToolCommand } from '../../../hooktools/cmd.js';
import { fakeIO, type FakeIOOptions, type ToolRun } from '../fake-context.js';

export function runWith(cmd: ToolCommand, args: string[], options: FakeIOOptions = {}): ToolRun {
  const io = fakeIO(options);
  const code = runCommand(cmd, args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
