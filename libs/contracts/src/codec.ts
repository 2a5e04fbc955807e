import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventDefinition, findEventDefinition } from './catalog';
import { EventEnvelope } from './envelope';
import { PlainValidator } from './plain-validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();
/** The quick check of a valid event (most of them); whatever it does not accept takes the full path, which explains why. */
const plain = new PlainValidator();

export enum ContractViolationCode {
  MALFORMED_JSON = 'MALFORMED_JSON',
  INVALID_ENVELOPE = 'INVALID_ENVELOPE',
  UNKNOWN_TYPE = 'UNKNOWN_TYPE',
  INVALID_PAYLOAD = 'INVALID_PAYLOAD',
  TOO_LARGE = 'TOO_LARGE',
}

/** A message that can never be processed, however often it is retried: it goes straight to the DLQ. */
export class ContractViolation extends Error {
  constructor(readonly code: ContractViolationCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ContractViolation';
  }
}

export interface EnvelopeOptions {
  subject: string;
  correlationId: string;
  causationId?: string;
  id?: string;
  time?: Date;
}

export function createEnvelope<T extends object>(definition: EventDefinition<T>, data: T, options: EnvelopeOptions): EventEnvelope<T> {
  const problems = validatePayload(definition, data);
  if (problems) {
    // A producer bug: refuse to publish what consumers would dead-letter.
    throw new ContractViolation(ContractViolationCode.INVALID_PAYLOAD, `${definition.type}: ${problems}`);
  }
  return {
    id: options.id ?? randomUUID(),
    type: definition.type,
    source: definition.source,
    time: (options.time ?? new Date()).toISOString(),
    subject: options.subject,
    correlationId: options.correlationId,
    causationId: options.causationId,
    data,
  };
}

export interface DecodedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  definition: EventDefinition<T>;
}

export const MAX_EVENT_BYTES = 1024 * 1024;

/** Parses and validates raw Kafka bytes into a known, versioned event, or throws ContractViolation. */
export function decodeEvent(raw: Buffer | string | null): DecodedEvent {
  if (raw === null) throw new ContractViolation(ContractViolationCode.MALFORMED_JSON, 'empty message value');
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_EVENT_BYTES) throw new ContractViolation(ContractViolationCode.TOO_LARGE, `${size} bytes exceeds ${MAX_EVENT_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch (error) {
    throw new ContractViolation(ContractViolationCode.MALFORMED_JSON, (error as Error).message);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ContractViolation(ContractViolationCode.INVALID_ENVELOPE, 'message is not a JSON object');
  }
  // The envelope's own fields, copied by name (plainToInstance would deep-copy `data`, which is
  // transformed and checked against its payload class below; named fields also keep a `__proto__`
  // key in the message from reaching the instance).
  const j = json as Record<string, unknown>;
  const fields = { id: j.id, type: j.type, source: j.source, time: j.time, subject: j.subject, correlationId: j.correlationId, causationId: j.causationId, data: j.data };
  const envelope = Object.assign(new EventEnvelope(), fields);
  if (!plain.accepts(EventEnvelope, fields)) {
    const envelopeErrors = validateSync(envelope);
    if (envelopeErrors.length) throw new ContractViolation(ContractViolationCode.INVALID_ENVELOPE, describe(envelopeErrors));
  }
  const definition = findEventDefinition(envelope.type);
  if (!definition) throw new ContractViolation(ContractViolationCode.UNKNOWN_TYPE, `no contract for ${envelope.type}`);
  if (definition.source !== envelope.source) {
    throw new ContractViolation(ContractViolationCode.INVALID_ENVELOPE, `${envelope.type} must come from ${definition.source}, not ${envelope.source}`);
  }
  // A payload the quick check accepts is handed over as parsed; the payload classes have no
  // behaviour, so their instances would carry nothing more.
  if (plain.accepts(definition.payload, envelope.data)) return { envelope, definition };
  const data = plainToInstance(definition.payload, envelope.data) as object;
  const payloadErrors = validateSync(data, { forbidUnknownValues: true });
  if (payloadErrors.length) throw new ContractViolation(ContractViolationCode.INVALID_PAYLOAD, `${envelope.type}: ${describe(payloadErrors)}`);
  envelope.data = data;
  return { envelope, definition };
}

export function validatePayload<T extends object>(definition: EventDefinition<T>, data: T): string | undefined {
  if (plain.accepts(definition.payload, data)) return undefined;
  const instance = plainToInstance(definition.payload, data) as object;
  const errors = validateSync(instance, { forbidUnknownValues: true });
  return errors.length ? describe(errors) : undefined;
}

export function encodeEvent(envelope: EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}

function describe(errors: ValidationError[], path = ''): string {
  return errors
    .flatMap((e) => {
      const here = path ? `${path}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).map((m) => `${here}: ${m}`);
      return e.children?.length ? [...own, describe(e.children, here)] : own;
    })
    .filter(Boolean)
    .slice(0, 20)
    .join('; ');
}
