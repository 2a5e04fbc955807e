import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../config';
import { ChannelSettings, ExternalChannel } from '../domain/channel-settings';
import { isPrivateWebhookHost } from '../domain/webhook-target';
import { ChannelSettingsRepository } from '../infrastructure/persistence/channel-settings.repository';
import { WebhookUrlNotAllowedException } from './notification.exceptions';

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
  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    private readonly settings: ChannelSettingsRepository,
  ) {}

  async execute(command: UpdateChannelSettingsCommand): Promise<ChannelSettings> {
    if (command.webhookUrl && !this.config.webhookAllowPrivateHosts && isPrivateWebhookHost(command.webhookUrl)) {
      throw new WebhookUrlNotAllowedException();
    }
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
