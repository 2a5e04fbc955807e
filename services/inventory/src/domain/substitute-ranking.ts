export interface SubstituteCandidate {
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  available: number;
}

export interface SubstituteTarget {
  sku: string;
  category: string;
  unitPriceCents: number;
}

export const MAX_SUGGESTED_SUBSTITUTES = 3;

/**
 * Substitutes a shopper would accept: same category, in stock for the quantity needed, closest in
 * price first (cheaper wins a tie, then SKU for a stable answer).
 */
export function rankSubstitutes(
  target: SubstituteTarget,
  candidates: readonly SubstituteCandidate[],
  options: { minAvailable?: number; limit?: number } = {},
): SubstituteCandidate[] {
  const minAvailable = Math.max(1, options.minAvailable ?? 1);
  const limit = options.limit ?? MAX_SUGGESTED_SUBSTITUTES;
  return candidates
    .filter((c) => c.category === target.category && c.sku !== target.sku && c.available >= minAvailable)
    .sort(
      (a, b) =>
        Math.abs(a.unitPriceCents - target.unitPriceCents) - Math.abs(b.unitPriceCents - target.unitPriceCents) ||
        a.unitPriceCents - b.unitPriceCents ||
        (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
    )
    .slice(0, limit);
}
