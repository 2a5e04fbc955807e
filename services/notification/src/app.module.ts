import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { ChannelSettingsController } from './api/channel-settings.controller';
import { DecisionLinkController } from './api/decision-link.controller';
import { NoticesController } from './api/notices.controller';
import { CreateNoticeUseCase } from './application/create-notice.usecase';
import { DecideThroughLinkUseCase } from './application/decide-through-link.usecase';
import { DeliverNoticeUseCase } from './application/deliver-notice.usecase';
import { GetChannelSettingsUseCase } from './application/get-channel-settings.usecase';
import { GetNoticeUseCase } from './application/get-notice.usecase';
import { ListOrderNoticesUseCase } from './application/list-order-notices.usecase';
import { ListShopperNoticesUseCase } from './application/list-shopper-notices.usecase';
import { OpenDecisionLinkUseCase } from './application/open-decision-link.usecase';
import { NOTICE_CHANNEL_SENDERS } from './application/ports/notice-channel.port';
import { OrderDecisionPort } from './application/ports/order-decision.port';
import { RecordOrderLinesUseCase } from './application/record-order-lines.usecase';
import { UpdateChannelSettingsUseCase } from './application/update-channel-settings.usecase';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from './config';
import { HttpSmsChannel } from './infrastructure/channels/http-sms.channel';
import { SignedWebhookChannel } from './infrastructure/channels/signed-webhook.channel';
import { SmtpEmailChannel } from './infrastructure/channels/smtp-email.channel';
import { DatabaseModule } from './infrastructure/database.module';
import { NoticeDispatcher } from './infrastructure/dispatch/notice-dispatcher';
import { OrderDecisionClient } from './infrastructure/order/order-decision.client';
import { ChannelSettingsRepository } from './infrastructure/persistence/channel-settings.repository';
import { DecisionLinkRepository } from './infrastructure/persistence/decision-link.repository';
import { NoticeRepository } from './infrastructure/persistence/notice.repository';
import { OrderLineRepository } from './infrastructure/persistence/order-line.repository';
import { CaseNoticesHandler } from './messaging/case-notices.handler';
import { OrderPlacedHandler } from './messaging/order-placed.handler';
import { OrderProgressNoticesHandler } from './messaging/order-progress-notices.handler';
import { ShortageNoticesHandler } from './messaging/shortage-notices.handler';

@Module({})
export class AppModule {
  static forRoot(config: NotificationServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'notification' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize, config.databasePreparedStatements),
        MessagingModule.forService('notification', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
      controllers: [NoticesController, ChannelSettingsController, DecisionLinkController],
      providers: [
        { provide: NOTIFICATION_CONFIG, useValue: config },
        {
          provide: NOTICE_CHANNEL_SENDERS,
          useValue: [
            new SmtpEmailChannel(config.smtp, config.delivery.attemptTimeoutMs, config.delivery.concurrency),
            new HttpSmsChannel(config.sms),
            new SignedWebhookChannel(config.webhookSigningSecret),
          ],
        },
        {
          provide: OrderDecisionPort,
          useValue: new OrderDecisionClient({ orderUrl: config.orderUrl, jwtSecret: config.jwtSecret, timeoutMs: config.delivery.attemptTimeoutMs }),
        },
        NoticeRepository,
        ChannelSettingsRepository,
        OrderLineRepository,
        DecisionLinkRepository,
        RecordOrderLinesUseCase,
        CreateNoticeUseCase,
        DeliverNoticeUseCase,
        UpdateChannelSettingsUseCase,
        GetChannelSettingsUseCase,
        ListShopperNoticesUseCase,
        ListOrderNoticesUseCase,
        GetNoticeUseCase,
        OpenDecisionLinkUseCase,
        DecideThroughLinkUseCase,
        NoticeDispatcher,
        OrderPlacedHandler,
        OrderProgressNoticesHandler,
        ShortageNoticesHandler,
        CaseNoticesHandler,
      ],
    };
  }
}
