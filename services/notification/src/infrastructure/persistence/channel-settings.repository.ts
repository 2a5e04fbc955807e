import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelSettings, ExternalChannel } from '../../domain/channel-settings';
import { ChannelSettingsEntity } from './channel-settings.entity';

/** The channel_settings columns a delivery needs; all null when the shopper never set any (outer join). */
export interface SettingsRow {
  email: string | null;
  phone: string | null;
  webhook_url: string | null;
  channel_order: string[] | null;
}

export function settingsOf(shopperId: string, row: SettingsRow | undefined): ChannelSettings {
  if (!row?.channel_order) return ChannelSettings.defaults(shopperId);
  return ChannelSettings.of({ shopperId, email: row.email, phone: row.phone, webhookUrl: row.webhook_url, order: row.channel_order as ExternalChannel[] });
}

@Injectable()
export class ChannelSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The shopper's settings, or the defaults (inbox only) if they never set any. */
  async find(shopperId: string, manager: EntityManager = this.dataSource.manager): Promise<ChannelSettings> {
    // Plain SQL: read once per consumed event, where findOneBy's query building costs more CPU than the query.
    const rows = (await manager.query(`SELECT email, phone, webhook_url, channel_order FROM channel_settings WHERE shopper_id = $1`, [shopperId])) as SettingsRow[];
    return settingsOf(shopperId, rows[0]);
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
