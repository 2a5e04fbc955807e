import { DomainException } from './domain.exception';

// 409 for "not allowed in the current state": the body carries `current` (e.g. the order's state
// and version) so a client can refresh and decide without a second call.
export abstract class StateConflictException<TCode extends string = string> extends DomainException<TCode> {
  readonly status = 409;

  constructor(code: TCode, detail: string, current: unknown, extensions: Record<string, unknown> = {}) {
    super(code, detail, { ...extensions, current });
  }
}
