import { Writable } from 'node:stream';
import { PinoLoggerService } from './pino-logger.service';
import { RequestContext } from './request-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('PinoLoggerService', () => {
  it('writes JSON lines with service, level, msg, context and the correlation id', () => {
    const { lines, destination } = capture();
    const logger = new PinoLoggerService({ service: 'order', level: 'info', destination });
    RequestContext.run({ correlationId: 'c-1' }, () => logger.log('order placed', 'PlaceOrder'));
    logger.warn('outside any request');
    expect(lines[0]).toMatchObject({ service: 'order', level: 'info', msg: 'order placed', context: 'PlaceOrder', correlationId: 'c-1' });
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('keeps structured fields and error stacks', () => {
    const { lines, destination } = capture();
    const logger = new PinoLoggerService({ service: 'order', level: 'debug', destination });
    logger.debug({ msg: 'reserved', orderId: 'o-1' }, 'Reserve');
    logger.error('boom', 'Error: boom\n    at f (x.ts:1:1)', 'Handler');
    logger.error(new Error('kaput'));
    expect(lines[0]).toMatchObject({ level: 'debug', msg: 'reserved', orderId: 'o-1', context: 'Reserve' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', context: 'Handler', stack: expect.stringContaining('at f') });
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'kaput', err: expect.objectContaining({ message: 'kaput' }) });
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = new PinoLoggerService({ service: 'order', level: 'silent', destination });
    logger.error('hidden');
    expect(lines).toHaveLength(0);
  });
});
