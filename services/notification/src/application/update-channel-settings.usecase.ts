import { Injectable } from '@nestjs/common';
import { ChannelSettings, ExternalChannel } from '../domain/channel-settings';
import { ChannelSettingsRepository } from '../infrastructure/persistence/channel-settings.repository';

export interface UpdateChannelSettingsCommand {
  shopperId: string;
  email?: string;
  phone?: string;
  webhookUrl?: string;
  order?: ExternalChannel[];
}

/** PUT semantics: what the shopper sends is the whole setting; a channel left out is switched off. */
@Injectable()
export class UpdateChannelSettingsUseCase {
  constructor(private readonly settings: ChannelSettingsRepository) {}

  async execute(command: UpdateChannelSettingsCommand): Promise<ChannelSettings> {
    const settings = ChannelSettings.of({
      shopperId: command.shopperId,
      email: command.email ?? null,
      phone: command.phone ?? null,
      webhookUrl: command.webhookUrl ?? null,
      order: command.order ?? [],
    });
    await this.settings.save(settings, new Date());
    return settings;
  }
}
