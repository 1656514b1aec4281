// The control protocol between the CLI and the daemon: one JSON request per connection on the
// control socket, one JSON reply, each a single line. The daemon reads one request per
// connection, no longer than maxRequestBytes, and answers anything else with an error.

export interface ControlRequest {
  method: string;
  params: Record<string, unknown>;
}

export type ControlReply = { result: unknown } | { error: { message: string } };

/** Far above any real request (the largest carry action params or config values). */
export const maxRequestBytes = 16 * 1024 * 1024;

export function encode(message: ControlRequest | ControlReply): string {
  return `${JSON.stringify(message)}\n`;
}

/** A request line that is not a request; its message is the reply's error. */
export class ProtocolError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses and checks one request line (without its newline). */
export function decodeRequest(line: string): ControlRequest {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    throw new ProtocolError('bad request: not JSON');
  }
  if (!isObject(message) || typeof message.method !== 'string') {
    throw new ProtocolError('bad request: want {"method": string, "params": object}');
  }
  const params = message.params ?? {};
  if (!isObject(params)) throw new ProtocolError('bad request: params must be an object');
  return { method: message.method, params };
}
