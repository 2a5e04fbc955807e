import { randomUUID } from 'node:crypto';
import { ContractViolation, ContractViolationCode, createEnvelope, decodeEvent, encodeEvent, EventEnvelope, Events, ShortageChoice } from './index';

const placed = () => ({
  orderId: randomUUID(),
  shopperId: 'shopper-1',
  storeId: 'store-1',
  placedAt: new Date().toISOString(),
  policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST },
  lines: [{ lineId: randomUUID(), sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1299, policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } }],
});

function codeOf(raw: string | Buffer | null): ContractViolationCode | undefined {
  try {
    decodeEvent(raw);
    return undefined;
  } catch (error) {
    return (error as ContractViolation).code;
  }
}

describe('event codec', () => {
  it('round-trips a valid event: its definition, and the payload as it was sent', () => {
    const data = placed();
    const envelope = createEnvelope(Events.orderPlaced, data, { subject: data.orderId, correlationId: 'c-1' });
    const decoded = decodeEvent(encodeEvent(envelope));
    expect(decoded.definition).toBe(Events.orderPlaced);
    // The payload classes carry rules, no behaviour: a valid payload is handed over as parsed.
    expect(decoded.envelope.data).toEqual(data);
    expect(decoded.envelope.subject).toBe(data.orderId);
  });

  it('refuses to create an event whose payload breaks the contract', () => {
    const data = { ...placed(), lines: [] };
    expect(() => createEnvelope(Events.orderPlaced, data, { subject: data.orderId, correlationId: 'c' })).toThrow(ContractViolation);
  });

  it.each([
    ['not json', '{nope', ContractViolationCode.MALFORMED_JSON],
    ['empty', null, ContractViolationCode.MALFORMED_JSON],
    ['an array', '[1,2]', ContractViolationCode.INVALID_ENVELOPE],
    ['no envelope fields', '{"hello":"world"}', ContractViolationCode.INVALID_ENVELOPE],
  ])('classifies %s', (_name, raw, code) => {
    expect(codeOf(raw)).toBe(code);
  });

  it('rejects an unknown version, a wrong source, a bad payload and an oversized message', () => {
    const data = placed();
    const ok = createEnvelope(Events.orderPlaced, data, { subject: data.orderId, correlationId: 'c' });
    expect(codeOf(JSON.stringify({ ...ok, type: 'order.placed.v9' }))).toBe(ContractViolationCode.UNKNOWN_TYPE);
    expect(codeOf(JSON.stringify({ ...ok, source: 'inventory' }))).toBe(ContractViolationCode.INVALID_ENVELOPE);
    expect(codeOf(JSON.stringify({ ...ok, data: { ...data, lines: [{ ...data.lines[0], quantity: -1 }] } }))).toBe(ContractViolationCode.INVALID_PAYLOAD);
    expect(codeOf(Buffer.alloc(2 * 1024 * 1024, 32))).toBe(ContractViolationCode.TOO_LARGE);
  });

  it('checks the envelope field by field: data that is not an object, a missing id, a __proto__ key', () => {
    const data = placed();
    const ok = createEnvelope(Events.orderPlaced, data, { subject: data.orderId, correlationId: 'c' });
    const json = JSON.stringify(ok);
    expect(codeOf(JSON.stringify({ ...ok, data: [data] }))).toBe(ContractViolationCode.INVALID_ENVELOPE);
    expect(codeOf(JSON.stringify({ ...ok, data: 'text' }))).toBe(ContractViolationCode.INVALID_ENVELOPE);
    expect(codeOf(JSON.stringify({ ...ok, id: undefined }))).toBe(ContractViolationCode.INVALID_ENVELOPE);
    const polluted = decodeEvent(`{"__proto__":{"polluted":true},${json.slice(1)}`);
    expect(polluted.envelope).toBeInstanceOf(EventEnvelope);
    expect((polluted.envelope as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    expect(decodeEvent(json).envelope).toMatchObject({ id: ok.id, type: ok.type, subject: ok.subject, correlationId: 'c', data: { orderId: data.orderId } });
  });
});
