import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextData {
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

// Per-request (or per-message) context carried across awaits, so logs and outgoing events can
// pick up the correlation id without threading it through every call.
// HTTP requests get one from the correlation middleware; Kafka handlers should wrap each message
// in RequestContext.run({ correlationId: envelope.correlationId }, handler).
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
