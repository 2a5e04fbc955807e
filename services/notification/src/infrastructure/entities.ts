import { ChannelSettingsEntity } from './persistence/channel-settings.entity';
import { DecisionLinkEntity } from './persistence/decision-link.entity';
import { DeliveryAttemptEntity } from './persistence/delivery-attempt.entity';
import { NoticeEntity } from './persistence/notice.entity';
import { OrderLineEntity } from './persistence/order-line.entity';
import { UsedDecisionLinkEntity } from './persistence/used-decision-link.entity';

export const NOTIFICATION_ENTITIES: Function[] = [
  NoticeEntity,
  DeliveryAttemptEntity,
  ChannelSettingsEntity,
  OrderLineEntity,
  DecisionLinkEntity,
  UsedDecisionLinkEntity,
];
