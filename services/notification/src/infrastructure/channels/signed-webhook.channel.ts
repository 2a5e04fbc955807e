import { NoticeChannel } from '@askfirst/contracts';
import { NoticeChannelSender, OutgoingNotice } from '../../application/ports/notice-channel.port';
import { webhookPayload } from '../../domain/rendering/webhook-payload';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

/** POSTs the notice to the shopper app's webhook, signed so the app knows it came from us. */
export class SignedWebhookChannel implements NoticeChannelSender {
  readonly channel = NoticeChannel.WEBHOOK as const;

  constructor(private readonly secret: string) {}

  async send(notice: OutgoingNotice, address: string, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(webhookPayload({ ...notice }, new Date()));
    const response = await fetch(address, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhookBody(body, this.secret),
        'X-Askfirst-Notice-Id': notice.id,
      },
      body,
      signal,
      // A redirect would send the signed body somewhere the shopper never registered.
      redirect: 'error',
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
