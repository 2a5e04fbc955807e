import { AsyncLocalStorage } from 'node:async_hooks';

/** Who caused the work in progress, so events published from it carry the right ids and trace. */
export interface CausalContext {
  correlationId: string;
  causationId?: string;
}

const storage = new AsyncLocalStorage<CausalContext>();

export const EventContext = {
  run<T>(context: CausalContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): CausalContext | undefined {
    return storage.getStore();
  },
};
