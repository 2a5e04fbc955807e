import { NoticeChannel } from '@askfirst/contracts';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { NoticeChannelSender, OutgoingNotice } from '../../application/ports/notice-channel.port';
import { renderEmail } from '../../domain/rendering/email.renderer';
import { SmtpConfig } from '../../config';

/**
 * Email over SMTP (nodemailer), on a pool of up to `connections` kept connections (one per delivery
 * that can run at once), each reused for up to 100 messages: a connection per message cost a TCP
 * connect, the greeting, EHLO and QUIT on every notice. A connection the server closed or broke is
 * dropped from the pool and the next message opens a new one, so a recovered server is used at once.
 *
 * The message is built into one buffer before it is handed to the connection: streamed from
 * nodemailer's MIME builder, each header block, boundary and body piece was its own socket write
 * and, with Nagle off, its own TCP segment (11 per notice) for the server to read.
 */
export class SmtpEmailChannel implements NoticeChannelSender {
  readonly channel = NoticeChannel.EMAIL as const;
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(private readonly smtp: SmtpConfig, timeoutMs: number, connections: number) {
    this.transport = createTransport({
      pool: true,
      maxConnections: connections,
      maxMessages: 100,
      // Idle connections are closed well before a typical server's own idle timeout (often 60-300 s).
      idleTimeout: 30_000,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(notice: OutgoingNotice, address: string, signal: AbortSignal): Promise<void> {
    const email = renderEmail(notice.content);
    const message = new MailComposer({
      from: this.smtp.from,
      to: address,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // The same notice re-sent after a lost lease keeps its Message-ID, so mail clients can drop it.
      messageId: `<${notice.id}@notices.askfirst>`,
      headers: { 'X-Askfirst-Notice-Id': notice.id, 'X-Askfirst-Order-Id': notice.orderId },
    }).compile();
    await this.transport.sendMail({ envelope: message.getEnvelope(), raw: await message.build(), signal });
  }

  close(): void {
    this.transport.close();
  }
}
