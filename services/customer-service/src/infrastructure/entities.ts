import { CaseEntity } from './case.entity';
import { ContactAttemptEntity } from './contact-attempt.entity';
import { OrderProjectionEntity } from './order-projection.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';

export const CUSTOMER_SERVICE_ENTITIES: Function[] = [CaseEntity, ContactAttemptEntity, OrderProjectionEntity, TimelineEntryEntity];
