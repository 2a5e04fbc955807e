/**
 * kafkajs 2.2.4 (the last release) has a busy loop in every broker connection's request queue:
 * with no request waiting and no throttling, `scheduleCheckPendingRequests` computes a negative
 * delay and re-arms itself with `setTimeout(…, negative)` — a 1 ms timer, forever, per connection
 * (tulios/kafkajs#1556, fix proposed in #1667 and never released). A service with a handful of
 * connections woke ~1,700 times a second while idle and spent ≈ 4 % of a core on nothing.
 *
 * The replacement schedules a check only when there is something to check: a waiting request
 * (at the end of a throttle, or after the library's 10 ms interval when merely over the in-flight
 * limit) or a throttle still running. A request pushed later arms it again (`push` calls this),
 * and a finished in-flight request checks the queue itself (`fulfillRequest`), so no request waits.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };

export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's interval for re-checking a queue that is over its in-flight limit. */
export const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const throttleLeft = this.throttledUntil - Date.now();
  let delay: number;
  if (this.pending.length > 0) delay = throttleLeft > 0 ? throttleLeft : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  else if (throttleLeft > 0) delay = throttleLeft;
  else return; // nothing waits and nothing throttles: nothing to check
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

let installed = false;

/** Replaces the looping method on kafkajs's RequestQueue; idempotent. */
export function installRequestQueueFix(): void {
  if (installed) return;
  installed = true;
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}

export { RequestQueue as KafkajsRequestQueue };
