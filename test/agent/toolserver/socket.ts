// Requests straight over the tool socket, for what the real client cannot or will not send.

import net from 'node:net';
import { encodeRequest, replyDecoder, type Reply, type ToolRequest } from '../../../agent/toolserver/wire.js';

/** Sends `bytes`, then `trickle` every 20 ms if given; resolves with the reply (undefined if
 *  none came) once the server closes the connection. */
export function sendBytes(address: string, bytes: Buffer, trickle?: Buffer): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    const decoder = replyDecoder();
    let reply: Reply | undefined;
    let timer: NodeJS.Timeout | undefined;
    const conn = net.connect(address, () => {
      conn.write(bytes);
      if (trickle) timer = setInterval(() => conn.write(trickle), 20);
    });
    conn.on('data', (chunk) => (reply = decoder.push(chunk)));
    // The server may close while bytes are still going out; the reply, if any, has arrived.
    conn.on('error', () => {});
    conn.on('close', () => {
      clearInterval(timer);
      resolve(reply);
    });
  });
}

export function sendRequest(address: string, req: ToolRequest): Promise<Reply | undefined> {
  return sendBytes(address, encodeRequest(req));
}
