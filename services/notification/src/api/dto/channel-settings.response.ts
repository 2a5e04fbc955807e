import { ApiProperty } from '@nestjs/swagger';
import { NoticeChannel } from '@askfirst/contracts';
import { ChannelSettings, EXTERNAL_CHANNELS } from '../../domain/channel-settings';

export class ChannelSettingsResponse {
  @ApiProperty() shopperId!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty({ enum: EXTERNAL_CHANNELS, isArray: true, description: 'Configured channels in the order they are tried.' })
  tryOrder!: NoticeChannel[];
  @ApiProperty({ description: 'The in-app inbox is always on.' }) inApp!: true;

  static from(settings: ChannelSettings): ChannelSettingsResponse {
    const p = settings.props;
    return { shopperId: p.shopperId, email: p.email, phone: p.phone, webhookUrl: p.webhookUrl, tryOrder: settings.targets().map((t) => t.channel), inApp: true };
  }
}
