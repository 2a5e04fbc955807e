import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { stringify } from 'yaml';
import { EVENT_DEFINITIONS } from './catalog';
import { ALL_TOPICS, deadLetterTopicOf, DlqHeaders } from './topics';

// class-transformer keeps @Type metadata in one shared storage that its public index does not export.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const channelId = (topic: string) => topic.replace(/[^a-zA-Z0-9]/g, '_');
const messageId = (type: string) => type.replace(/[^a-zA-Z0-9]/g, '_');

/**
 * Builds the AsyncAPI 3 document from the event catalog and the payload classes' validation rules,
 * so the published document cannot drift from the code. `asyncapi.yaml` is this output, checked in.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, unknown>;
  const payloadNames = new Set<string>();
  const messages: Record<string, unknown> = {};
  for (const def of EVENT_DEFINITIONS) {
    payloadNames.add(def.payload.name);
    messages[messageId(def.type)] = {
      name: def.type,
      title: def.type,
      summary: def.summary,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/KafkaHeaders' },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/EventEnvelope' },
          { type: 'object', properties: { type: { const: def.type }, source: { const: def.source }, data: { $ref: `#/components/schemas/${def.payload.name}` } } },
        ],
      },
      bindings: { kafka: { key: { type: 'string', description: 'The order id (subject), so one order stays on one partition.' } } },
    };
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of ALL_TOPICS) {
    const own = EVENT_DEFINITIONS.filter((d) => d.topic === topic);
    channels[channelId(topic)] = {
      address: topic,
      description: `Events produced by the ${own[0]?.source ?? 'unknown'} service. Never renamed.`,
      messages: Object.fromEntries(own.map((d) => [messageId(d.type), { $ref: `#/components/messages/${messageId(d.type)}` }])),
    };
    operations[`publish_${channelId(topic)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId(topic)}` },
      messages: own.map((d) => ({ $ref: `#/channels/${channelId(topic)}/messages/${messageId(d.type)}` })),
    };
    const dlq = deadLetterTopicOf(topic);
    channels[channelId(dlq)] = {
      address: dlq,
      description: `Dead letters of ${topic}: the original bytes and key, with the error headers.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    };
  }
  messages.DeadLetter = {
    name: 'dead-letter',
    title: 'Dead letter',
    summary: 'A message a consumer could not process; value and key are the original bytes.',
    headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
    payload: { description: 'The original message value, unchanged.' },
  };
  const componentSchemas: Record<string, unknown> = {
    KafkaHeaders: {
      type: 'object',
      properties: { traceparent: { type: 'string', description: 'W3C trace context' }, 'x-correlation-id': { type: 'string' } },
    },
    DeadLetterHeaders: {
      type: 'object',
      properties: Object.fromEntries(Object.values(DlqHeaders).map((h) => [h, { type: 'string' }])),
      required: Object.values(DlqHeaders),
    },
  };
  for (const [name, schema] of Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) {
    componentSchemas[name] = schema;
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'askfirst events',
      version: '1.0.0',
      description:
        'The public event contract of askfirst. Every message carries the envelope; Kafka key = order id; ' +
        'type strings and topic names are never renamed — a breaking change is a new version.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: componentSchemas },
  };
}

export function renderAsyncApiYaml(): string {
  return stringify(buildAsyncApiDocument(), { lineWidth: 0 });
}
