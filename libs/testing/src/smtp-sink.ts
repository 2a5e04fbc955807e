import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts, parsed; with `keep: false`
 * (the benchmark's thousands of emails) it only counts them.
 */
export class SmtpSink {
  readonly messages: ReceivedEmail[] = [];
  /** Messages accepted, kept or not. */
  received = 0;
  /** SMTP connections opened by clients. */
  connections = 0;
  port = 0;
  private server?: SMTPServer;

  constructor(private readonly options: { keep?: boolean } = {}) {}

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, session, callback) => {
        if (this.options.keep === false) {
          stream.on('end', () => {
            this.received++;
            callback();
          });
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
            this.received++;
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedEmail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}

/** A loopback port nobody listens on (yet): an SMTP server that is down. */
export async function unusedPort(): Promise<number> {
  const probe = await new SmtpSink().start();
  const port = probe.port;
  await probe.stop();
  return port;
}
