import { ShortageResolution } from '@askfirst/contracts';
import { choicesFor } from './decision-offer';
import { ShortItem } from './templates/notice-facts';

const cake: ShortItem = {
  lineId: 'l-1',
  sku: 'CAKE-CHOC',
  name: 'Chocolate cake',
  quantityOrdered: 1,
  quantityShort: 1,
  restockEta: new Date('2026-11-26T14:30:00Z'),
  substitutes: [
    { sku: 'CAKE-VAN', name: 'Vanilla cake' },
    { sku: 'CAKE-LEM', name: 'Lemon cake' },
  ],
};
const milk: ShortItem = { lineId: 'l-2', sku: 'MILK-1L', name: 'Milk', quantityOrdered: 2, quantityShort: 2, substitutes: [] };
const all = Object.values(ShortageResolution);

describe('the choices a decision link offers', () => {
  it('one short line: a button per suggested substitute, the ETA on restock, in the offered order', () => {
    expect(choicesFor({ shortItems: [cake], options: all })).toEqual([
      { value: 'WAIT_FOR_RESTOCK', resolution: 'WAIT_FOR_RESTOCK', label: 'Wait for restock (expected 14:30 UTC on 26 Nov 2026)' },
      { value: 'SUBSTITUTE:CAKE-VAN', resolution: 'SUBSTITUTE', substituteSku: 'CAKE-VAN', label: 'Replace it with Vanilla cake' },
      { value: 'SUBSTITUTE:CAKE-LEM', resolution: 'SUBSTITUTE', substituteSku: 'CAKE-LEM', label: 'Replace it with Lemon cake' },
      { value: 'REFUND_ITEM_SHIP_REST', resolution: 'REFUND_ITEM_SHIP_REST', label: 'Refund the Chocolate cake, ship the rest' },
      { value: 'CANCEL_ORDER', resolution: 'CANCEL_ORDER', label: 'Cancel the whole order' },
      { value: 'KEEP_HOLDING', resolution: 'KEEP_HOLDING', label: 'Hold my order until you reach me' },
    ]);
  });

  it('several lines: one "closest match" button, no ETA unless every line has one', () => {
    const labels = choicesFor({ shortItems: [cake, milk], options: all }).map((c) => c.label);
    expect(labels).toEqual(['Wait for restock', 'Replace them with the closest match', 'Refund the Chocolate cake and Milk, ship the rest', 'Cancel the whole order', 'Hold my order until you reach me']);
  });

  it('offers no substitute when inventory suggested none, and only what the order offered', () => {
    expect(choicesFor({ shortItems: [milk], options: [ShortageResolution.SUBSTITUTE, ShortageResolution.CANCEL_ORDER] }).map((c) => c.value)).toEqual(['CANCEL_ORDER']);
  });
});
