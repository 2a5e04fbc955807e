import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { ALL_TOPICS, deadLetterTopicOf, EVENT_DEFINITIONS, renderAsyncApiYaml } from '../src';

const documentPath = join(__dirname, '..', 'asyncapi.yaml');

describe('AsyncAPI document', () => {
  const generated = renderAsyncApiYaml();

  if (process.env.UPDATE_ASYNCAPI === '1') writeFileSync(documentPath, generated);
  const committed = readFileSync(documentPath, 'utf8');

  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('matches the event catalog and payload classes (run `npm run asyncapi -w @askfirst/contracts` after a contract change)', () => {
    expect(committed).toBe(generated);
  });

  it('declares every topic, its dead-letter topic and every event type on its own topic', () => {
    const doc = parse(committed) as { channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>; components: { messages: Record<string, { name: string }> } };
    const addresses = Object.values(doc.channels).map((c) => c.address);
    for (const topic of ALL_TOPICS) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(deadLetterTopicOf(topic));
    }
    const names = Object.values(doc.components.messages).map((m) => m.name);
    for (const def of EVENT_DEFINITIONS) {
      expect(names).toContain(def.type);
      const channel = Object.values(doc.channels).find((c) => c.address === def.topic)!;
      const refs = Object.values(channel.messages).map((m) => m.$ref);
      expect(refs.some((r) => r.endsWith(def.type.replace(/[^a-zA-Z0-9]/g, '_')))).toBe(true);
    }
  });
});
