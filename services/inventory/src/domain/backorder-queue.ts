export interface WaitingBackorder {
  id: string;
  /** Units the back-order still waits for. */
  outstanding: number;
}

export interface BackorderFill {
  id: string;
  units: number;
  /** The back-order now has everything it waited for. */
  completes: boolean;
}

/**
 * Strict order of arrival: available units go to the oldest waiting back-order until it is
 * complete, and only then to the next, so a small late order never jumps the queue.
 */
export function planBackorderFills(available: number, queue: readonly WaitingBackorder[]): BackorderFill[] {
  const fills: BackorderFill[] = [];
  let remaining = Math.max(0, available);
  for (const backorder of queue) {
    if (remaining === 0) break;
    const units = Math.min(backorder.outstanding, remaining);
    if (units <= 0) continue;
    fills.push({ id: backorder.id, units, completes: units === backorder.outstanding });
    remaining -= units;
  }
  return fills;
}
