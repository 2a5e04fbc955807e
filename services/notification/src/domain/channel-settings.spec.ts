import { NoticeChannel } from '@askfirst/contracts';
import { ChannelSettings } from './channel-settings';

describe('ChannelSettings', () => {
  const full = { shopperId: 's', email: 'a@example.com', phone: '+4915112345678', webhookUrl: 'https://app.example.com/h' };

  it('defaults to the inbox only', () => {
    const settings = ChannelSettings.defaults('s');
    expect(settings.targets()).toEqual([]);
    expect(settings.hasExternalChannel()).toBe(false);
  });

  it('tries configured channels in the default order EMAIL, SMS, WEBHOOK', () => {
    expect(ChannelSettings.of({ ...full, order: [] }).targets().map((t) => t.channel)).toEqual([NoticeChannel.EMAIL, NoticeChannel.SMS, NoticeChannel.WEBHOOK]);
  });

  it("follows the shopper's order, then the configured channels they left out", () => {
    const settings = ChannelSettings.of({ ...full, order: [NoticeChannel.WEBHOOK] });
    expect(settings.targets()).toEqual([
      { channel: NoticeChannel.WEBHOOK, address: full.webhookUrl },
      { channel: NoticeChannel.EMAIL, address: full.email },
      { channel: NoticeChannel.SMS, address: full.phone },
    ]);
  });

  it('skips channels without an address, even when ordered', () => {
    const settings = ChannelSettings.of({ ...full, email: null, webhookUrl: null, order: [NoticeChannel.EMAIL, NoticeChannel.SMS] });
    expect(settings.targets()).toEqual([{ channel: NoticeChannel.SMS, address: full.phone }]);
  });
});
