import { Injectable } from '@nestjs/common';
import { MessagingRuntime } from './messaging-runtime';

/** Shape matches the platform's HealthIndicator: readiness fails while the broker does not answer. */
@Injectable()
export class KafkaHealthIndicator {
  readonly name = 'kafka';

  constructor(private readonly runtime: MessagingRuntime) {}

  check(): Promise<void> {
    return this.runtime.ping();
  }
}
