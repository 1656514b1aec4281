// Runs one tool command, built against the fake context slices it asks for, with a fake ToolIO.

import { runCommand, type ToolCommand } from '../../../hooktools/cmd.js';
import { fakeIO, type FakeIOOptions } from './io.js';

interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runWith(cmd: ToolCommand, args: string[], options: FakeIOOptions = {}): ToolRun {
  const io = fakeIO(options);
  const code = runCommand(cmd, args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
