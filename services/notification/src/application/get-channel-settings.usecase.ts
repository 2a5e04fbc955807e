import { Injectable } from '@nestjs/common';
import { ChannelSettings } from '../domain/channel-settings';
import { ChannelSettingsRepository } from '../infrastructure/persistence/channel-settings.repository';

@Injectable()
export class GetChannelSettingsUseCase {
  constructor(private readonly settings: ChannelSettingsRepository) {}

  execute(shopperId: string): Promise<ChannelSettings> {
    return this.settings.find(shopperId);
  }
}
