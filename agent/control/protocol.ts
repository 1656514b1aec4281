// The control protocol between the CLI and the daemon: one JSON request per connection on the
// control socket, one JSON reply, each a single line.

export interface ControlRequest {
  method: string;
  params: Record<string, unknown>;
}

export type ControlReply = { result: unknown } | { error: { message: string } };

export function encode(message: ControlRequest | ControlReply): string {
  return `${JSON.stringify(message)}\n`;
}
