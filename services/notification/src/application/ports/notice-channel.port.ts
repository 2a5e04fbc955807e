import { ExternalChannel } from '../../domain/channel-settings';
import { NoticeContent } from '../../domain/notice-content';
import { NoticeKind } from '../../domain/notice-kind';

/** What a channel needs to carry a notice; the channel renders it for its medium. */
export interface OutgoingNotice {
  id: string;
  orderId: string;
  shopperId: string;
  kind: NoticeKind;
  content: NoticeContent;
}

/**
 * One way to reach a shopper. `send` resolves when the provider accepted the notice and rejects
 * otherwise; it must give up when `signal` aborts (the per-attempt timeout).
 */
export interface NoticeChannelSender {
  readonly channel: ExternalChannel;
  send(notice: OutgoingNotice, address: string, signal: AbortSignal): Promise<void>;
  /** Lets go of kept connections at shutdown, after the last delivery. */
  close?(): void;
}

export const NOTICE_CHANNEL_SENDERS = Symbol('NOTICE_CHANNEL_SENDERS');
