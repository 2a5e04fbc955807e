import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json?: any;
}

/** What to answer: a status (and optional JSON body), or 'hang' to never answer. */
export type Reply = number | { status: number; body?: unknown } | 'hang';

/** A real HTTP server on loopback: the SMS provider, the shopper app's webhook, the order service. */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  url = '';
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(public reply: (req: ReceivedRequest) => Reply = () => 200) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: parse(body) };
        this.requests.push(received);
        const reply = this.reply(received);
        if (reply === 'hang') {
          this.hanging.add(res);
          return;
        }
        const { status, body: replyBody } = typeof reply === 'number' ? { status: reply, body: undefined } : reply;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(replyBody ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers every request held by 'hang' now, so a test can look at what happened while it waited. */
  release(status: number): void {
    for (const res of this.hanging) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    }
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function parse(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}
