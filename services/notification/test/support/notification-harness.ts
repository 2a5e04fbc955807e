import { Events, physicalTopic, Topics } from '@askfirst/contracts';
import { createKafka } from '@askfirst/messaging';
import { RecordedMessage, RunningTestApp, serviceTestEnv, ServiceTestEnv, startTestApp, TopicRecorder } from '@askfirst/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig, NotificationServiceConfig } from '../../src/config';
import { EventProducer } from './event-producer';

export interface NotificationHarness {
  env: ServiceTestEnv;
  config: NotificationServiceConfig;
  service: RunningTestApp;
  producer: EventProducer;
  recorder: TopicRecorder;
  close(): Promise<void>;
}

/** The notification service on its own database and topics, with a producer and a recorder of its output. */
export async function startNotification(label: string, overrides: Record<string, string> = {}): Promise<NotificationHarness> {
  const env = await serviceTestEnv(label);
  const config = loadConfig({ ...env.env, NOTIFY_DISPATCH_POLL_MS: '50', ...overrides });
  const service = await startTestApp('notification', AppModule.forRoot(config), { acceptForms: true });
  const kafka = createKafka({ brokers: config.messaging.brokers, clientId: `recorder-${label}` });
  const recorder = await new TopicRecorder(kafka, [physicalTopic(Topics.notification, env.topicPrefix)]).start();
  const producer = await new EventProducer(config.messaging.brokers, env.topicPrefix).start();
  return {
    env,
    config,
    service,
    producer,
    recorder,
    async close() {
      // Consumers leave only after their current long-poll fetch (up to 5 s): stop them side by side.
      await Promise.all([producer.stop().catch(() => undefined), recorder.stop().catch(() => undefined), service.close()]);
      await env.dropDatabase();
    },
  };
}

export function notifiedAbout(recorder: TopicRecorder, causeEventId: string): RecordedMessage[] {
  return recorder.ofType(Events.notificationShopperNotified.type).filter((m) => m.json.data.causeEventId === causeEventId);
}

export function failedAbout(recorder: TopicRecorder, causeEventId: string): RecordedMessage[] {
  return recorder.ofType(Events.notificationDeliveryFailed.type).filter((m) => m.json.data.causeEventId === causeEventId);
}

export async function api(service: RunningTestApp, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
