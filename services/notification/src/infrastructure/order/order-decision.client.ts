import { Logger } from '@nestjs/common';
import { mintToken } from '@askfirst/platform';
import { OrderDecisionPort, OrderDecisionRequest, OrderDecisionResult } from '../../application/ports/order-decision.port';

/** Calls the order service's decision endpoint with a short-lived `service` token. */
export class OrderDecisionClient extends OrderDecisionPort {
  private readonly logger = new Logger(OrderDecisionClient.name);

  constructor(private readonly options: { orderUrl: string; jwtSecret: string; timeoutMs: number }) {
    super();
  }

  async submit(request: OrderDecisionRequest): Promise<OrderDecisionResult> {
    const token = await mintToken({ sub: 'notification-service', role: 'service' }, this.options.jwtSecret, 60);
    const body = { resolution: request.resolution, lineIds: request.lineIds, substituteSku: request.substituteSku, shopperId: request.shopperId };
    let response: Response;
    try {
      response = await fetch(`${this.options.orderUrl}/orders/${encodeURIComponent(request.orderId)}/decision`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      this.logger.warn({ msg: 'order service unreachable for a decision', orderId: request.orderId, error: String(error) });
      return { kind: 'UNAVAILABLE', detail: 'The order service did not answer.' };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return { kind: 'ACCEPTED' };
    if (response.status === 409) return { kind: 'CONFLICT', detail: detailOf(text) };
    // Anything else is our problem or theirs, never the shopper's: keep the link usable.
    this.logger.error({ msg: 'order service refused a decision', orderId: request.orderId, status: response.status, detail: detailOf(text) });
    return { kind: 'UNAVAILABLE', detail: `The order service answered ${response.status}.` };
  }
}

function detailOf(text: string): string | undefined {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    return typeof detail === 'string' ? detail.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}
