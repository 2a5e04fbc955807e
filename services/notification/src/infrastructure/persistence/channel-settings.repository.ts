import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelSettings, ExternalChannel } from '../../domain/channel-settings';
import { ChannelSettingsEntity } from './channel-settings.entity';

@Injectable()
export class ChannelSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The shopper's settings, or the defaults (inbox only) if they never set any. */
  async find(shopperId: string, manager: EntityManager = this.dataSource.manager): Promise<ChannelSettings> {
    const row = await manager.findOneBy(ChannelSettingsEntity, { shopperId });
    if (!row) return ChannelSettings.defaults(shopperId);
    return ChannelSettings.of({ shopperId, email: row.email, phone: row.phone, webhookUrl: row.webhookUrl, order: row.channelOrder as ExternalChannel[] });
  }

  async save(settings: ChannelSettings, now: Date): Promise<void> {
    const p = settings.props;
    await this.dataSource.manager.upsert(
      ChannelSettingsEntity,
      { shopperId: p.shopperId, email: p.email, phone: p.phone, webhookUrl: p.webhookUrl, channelOrder: [...p.order], updatedAt: now },
      ['shopperId'],
    );
  }
}
