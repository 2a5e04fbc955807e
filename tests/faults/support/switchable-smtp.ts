import { createConnection, createServer, Server, Socket } from 'node:net';
import { SmtpSink } from '@askfirst/testing';

/**
 * The notification service's SMTP endpoint, on one fixed loopback port: normally a transparent relay
 * to a real SMTP server (SmtpSink); `hang()` makes it a provider that accepts connections and never
 * answers a byte, until `recover()`.
 */
export class SwitchableSmtp {
  readonly sink = new SmtpSink();
  port = 0;
  private server?: Server;
  private hanging = false;
  private readonly held = new Set<Socket>();
  /** Connections accepted while hanging (each one a delivery attempt that got no answer). */
  heldConnections = 0;

  async start(): Promise<this> {
    await this.sink.start();
    const server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.hanging) {
        this.heldConnections += 1;
        this.held.add(client);
        client.on('close', () => this.held.delete(client));
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: this.sink.port });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  hang(): void {
    this.hanging = true;
  }

  recover(): void {
    this.hanging = false;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.recover();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.sink.stop();
  }
}
