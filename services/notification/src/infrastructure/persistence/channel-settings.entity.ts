import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('channel_settings')
export class ChannelSettingsEntity {
  @PrimaryColumn('text', { name: 'shopper_id' }) shopperId!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'webhook_url', nullable: true }) webhookUrl!: string | null;
  @Column('text', { name: 'channel_order', array: true }) channelOrder!: string[];
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
