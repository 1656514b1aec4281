// A unix socket server of the daemon's: only the daemon's user may connect, and stopping it drops
// the connections still open. The tool server and the command-line server are each one.
import { chmod, lstat, unlink } from 'node:fs/promises';
import net from 'node:net';

export abstract class SocketServer {
  private readonly connections = new Set<net.Socket>();
  private server: net.Server | undefined;

  constructor(private readonly socketPath: string) {}

  /** Serves one connection. */
  protected abstract accept(conn: net.Socket): void;

  async start(): Promise<void> {
    await removeStaleSocket(this.socketPath);
    const server = net.createServer((conn) => {
      this.connections.add(conn);
      conn.on('close', () => this.connections.delete(conn));
      this.accept(conn);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await chmod(this.socketPath, 0o600);
    this.server = server;
  }

  /** Stops listening and drops connections still open; closing removes the socket file. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const conn of this.connections) conn.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function removeStaleSocket(socketPath: string): Promise<void> {
  try {
    if ((await lstat(socketPath)).isSocket()) await unlink(socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
