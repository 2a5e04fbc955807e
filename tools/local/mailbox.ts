// The local stack's mail catcher: an SMTP server on 127.0.0.1:1025 that keeps what the notification
// service sends, and a page at http://127.0.0.1:8025 to read it (JSON at /messages). Dev only.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface Kept {
  at: string;
  to: string[];
  subject: string;
  text: string;
}

const smtpPort = Number(process.env.MAILBOX_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAILBOX_HTTP_PORT ?? 8025);
const kept: Kept[] = [];
const MAX_KEPT = 1_000;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        kept.unshift({ at: new Date().toISOString(), to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '' });
        kept.length = Math.min(kept.length, MAX_KEPT);
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, '127.0.0.1');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => escape(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

createServer((req, res) => {
  if (req.url?.startsWith('/messages')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(kept));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>askfirst mailbox</title>
<style>body{font:15px system-ui;margin:2rem;max-width:60rem}article{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}</style>
<h1>Local mailbox</h1><p>${kept.length} message(s) sent by the notification service.</p>
${kept.map((m) => `<article><strong>${escape(m.subject)}</strong><br><small>${escape(m.at)} → ${escape(m.to.join(', '))}</small><pre>${linkify(m.text)}</pre></article>`).join('')}`);
}).listen(httpPort, '127.0.0.1', () => process.stdout.write(`mailbox: SMTP 127.0.0.1:${smtpPort}, web http://127.0.0.1:${httpPort}\n`));
