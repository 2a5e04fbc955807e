import { NoticeChannel } from '@askfirst/contracts';

export type ExternalChannel = NoticeChannel.EMAIL | NoticeChannel.SMS | NoticeChannel.WEBHOOK;

export const EXTERNAL_CHANNELS: readonly ExternalChannel[] = [NoticeChannel.EMAIL, NoticeChannel.SMS, NoticeChannel.WEBHOOK];
export const DEFAULT_CHANNEL_ORDER: readonly ExternalChannel[] = EXTERNAL_CHANNELS;

export interface DeliveryTarget {
  channel: ExternalChannel;
  /** Email address, phone number or webhook URL. */
  address: string;
}

export interface ChannelSettingsProps {
  shopperId: string;
  email: string | null;
  phone: string | null;
  webhookUrl: string | null;
  order: readonly ExternalChannel[];
}

/**
 * Where a shopper wants to hear from us, and which channel to fall back to when one fails.
 * The in-app inbox is always on and needs no setting.
 */
export class ChannelSettings {
  private constructor(readonly props: Readonly<ChannelSettingsProps>) {}

  /** A shopper who never said anything: inbox only, default fallback order. */
  static defaults(shopperId: string): ChannelSettings {
    return new ChannelSettings({ shopperId, email: null, phone: null, webhookUrl: null, order: DEFAULT_CHANNEL_ORDER });
  }

  static of(props: ChannelSettingsProps): ChannelSettings {
    const order = props.order.length ? [...new Set(props.order)] : [...DEFAULT_CHANNEL_ORDER];
    return new ChannelSettings({ ...props, order });
  }

  /** Configured channels in the shopper's order; configured ones left out of it follow in the default order. */
  targets(): DeliveryTarget[] {
    const order = [...this.props.order, ...DEFAULT_CHANNEL_ORDER.filter((c) => !this.props.order.includes(c))];
    const targets: DeliveryTarget[] = [];
    for (const channel of order) {
      const address = this.addressOf(channel);
      if (address) targets.push({ channel, address });
    }
    return targets;
  }

  hasExternalChannel(): boolean {
    return this.targets().length > 0;
  }

  private addressOf(channel: ExternalChannel): string | null {
    switch (channel) {
      case NoticeChannel.EMAIL:
        return this.props.email;
      case NoticeChannel.SMS:
        return this.props.phone;
      case NoticeChannel.WEBHOOK:
        return this.props.webhookUrl;
    }
  }
}
