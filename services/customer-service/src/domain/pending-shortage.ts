import { ShortageResolution } from '@askfirst/contracts';

/** A short line the shopper still has to decide about, as the order service announced it. */
export interface PendingShortLine {
  lineId: string;
  sku: string;
  name: string;
  quantityOrdered: number;
  quantityShort: number;
  /** Suggested by inventory, so the agent can offer a named substitute. */
  substitutes?: { sku: string; name: string; available: number }[];
  restockEta?: string;
}

/** The open question of an order under CONTACT_ME: which lines, which answers, by when. */
export interface PendingShortage {
  lines: PendingShortLine[];
  options: ShortageResolution[];
  decisionDeadline: string;
  fallback: string;
}

/** A decision about some lines settles them; KEEP_HOLDING only parks them, so they stay open. */
export function settleLines(pending: PendingShortage | null, lineIds: string[], resolution: ShortageResolution): PendingShortage | null {
  if (!pending || resolution === ShortageResolution.KEEP_HOLDING) return pending;
  const settled = new Set(lineIds);
  const lines = pending.lines.filter((l) => !settled.has(l.lineId));
  return lines.length ? { ...pending, lines } : null;
}
