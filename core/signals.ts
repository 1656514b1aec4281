// Signal numbers, as a process's wait status gives them, by Node's names (SIGKILL, …).
import { constants } from 'node:os';

const names = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/** The name of signal `number` on this system; undefined for one it does not have. */
export const signalName = (number: number): NodeJS.Signals | undefined => names.get(number);
