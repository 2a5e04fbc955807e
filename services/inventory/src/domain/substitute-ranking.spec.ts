import { rankSubstitutes, SubstituteCandidate } from './substitute-ranking';

const target = { sku: 'CAKE-CREAM', category: 'cakes', unitPriceCents: 1500 };
const c = (sku: string, unitPriceCents: number, available = 5, category = 'cakes'): SubstituteCandidate => ({ sku, name: sku, category, unitPriceCents, available });

describe('rankSubstitutes', () => {
  it('keeps the same category, in stock, never the SKU itself', () => {
    const ranked = rankSubstitutes(target, [c('CAKE-CREAM', 1500), c('BREAD', 1500, 5, 'bakery'), c('CAKE-EMPTY', 1500, 0), c('CAKE-CARROT', 1400)]);
    expect(ranked.map((s) => s.sku)).toEqual(['CAKE-CARROT']);
  });

  it('orders by closeness of price, cheaper first on a tie, then SKU, at most 3', () => {
    const ranked = rankSubstitutes(target, [c('CAKE-D', 2500), c('CAKE-C', 1600), c('CAKE-B', 1400), c('CAKE-A', 1400), c('CAKE-E', 1501)]);
    expect(ranked.map((s) => s.sku)).toEqual(['CAKE-E', 'CAKE-A', 'CAKE-B']);
  });

  it('asks for enough units when a quantity is needed', () => {
    const ranked = rankSubstitutes(target, [c('CAKE-A', 1500, 1), c('CAKE-B', 2000, 3)], { minAvailable: 2, limit: 1 });
    expect(ranked.map((s) => s.sku)).toEqual(['CAKE-B']);
  });

  it('returns nothing when nothing fits', () => {
    expect(rankSubstitutes(target, [])).toEqual([]);
  });
});
