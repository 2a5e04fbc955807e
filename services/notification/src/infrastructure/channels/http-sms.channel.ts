import { NoticeChannel } from '@askfirst/contracts';
import { NoticeChannelSender, OutgoingNotice } from '../../application/ports/notice-channel.port';
import { renderSms } from '../../domain/rendering/sms.renderer';

/** SMS through an HTTP provider: POST JSON to SMS_PROVIDER_URL with a bearer key; any 2xx is accepted. */
export class HttpSmsChannel implements NoticeChannelSender {
  readonly channel = NoticeChannel.SMS as const;

  constructor(private readonly provider: { url?: string; key?: string }) {}

  async send(notice: OutgoingNotice, address: string, signal: AbortSignal): Promise<void> {
    // Not configured is a failed attempt, not a skipped one: a shopper who only gave a phone number
    // must end up with a human calling them, never silently unreached.
    if (!this.provider.url) throw new Error('SMS provider is not configured (SMS_PROVIDER_URL)');
    const response = await fetch(this.provider.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.provider.key ? { authorization: `Bearer ${this.provider.key}` } : {}),
        'idempotency-key': notice.id,
      },
      body: JSON.stringify({ to: address, text: renderSms(notice.content), reference: notice.id }),
      signal,
      redirect: 'error',
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
  }
}
