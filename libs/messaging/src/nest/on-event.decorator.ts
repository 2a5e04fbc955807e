import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@askfirst/contracts';

export const ON_EVENT_METADATA = 'askfirst:on-event';

/**
 * Marks a provider method as the handler of these events. It runs inside the inbox transaction:
 * `(envelope, tx) => Promise<void>`, and publishes follow-up events through `tx`.
 */
export const OnEvent = (...definitions: EventDefinition<any>[]) => SetMetadata(ON_EVENT_METADATA, definitions);
