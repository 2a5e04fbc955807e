import { InventoryRule } from './inventory-rule.error';
import { Reservation, ReservationStatus } from './reservation';

const open = () =>
  Reservation.open('order-1', 's1', 'shopper-1', [
    { lineId: 'cake', sku: 'CAKE', quantityOrdered: 1, quantityHeld: 1 },
    { lineId: 'snacks', sku: 'CHIPS', quantityOrdered: 3, quantityHeld: 1 },
  ]);

describe('Reservation', () => {
  it('opens HELD with what was allocated, and tells held from short lines', () => {
    const r = open();
    expect(r.status).toBe(ReservationStatus.HELD);
    expect(r.fullyHeldLines()).toEqual([{ lineId: 'cake', sku: 'CAKE', quantity: 1 }]);
    expect(r.shortLines()).toEqual([{ lineId: 'snacks', sku: 'CHIPS', quantityWanted: 3, quantityHeld: 1, quantityShort: 2 }]);
    expect(r.skus).toEqual(['CAKE', 'CHIPS']);
  });

  it('refuses rows holding more than they want', () => {
    expect(() => Reservation.open('o', 's', 'p', [{ lineId: 'l', sku: 'A', quantityOrdered: 1, quantityHeld: 2 }])).toThrow(
      expect.objectContaining({ rule: InventoryRule.HOLD_EXCEEDS_LINE }),
    );
  });

  it('release returns every held unit once, then refuses to run again', () => {
    const r = open();
    expect(r.release()).toEqual([
      { lineId: 'cake', sku: 'CAKE', quantity: 1 },
      { lineId: 'snacks', sku: 'CHIPS', quantity: 1 },
    ]);
    expect(r.status).toBe(ReservationStatus.RELEASED);
    expect(r.heldOf('CAKE')).toBe(0);
    expect(() => r.release()).toThrow(expect.objectContaining({ rule: InventoryRule.RESERVATION_CLOSED }));
    expect(() => r.commit()).toThrow(expect.objectContaining({ rule: InventoryRule.RESERVATION_CLOSED }));
  });

  it('commit moves held to committed and closes the reservation', () => {
    const r = open();
    expect(r.commit()).toEqual([
      { lineId: 'cake', sku: 'CAKE', quantity: 1 },
      { lineId: 'snacks', sku: 'CHIPS', quantity: 1 },
    ]);
    expect(r.status).toBe(ReservationStatus.COMMITTED);
    expect(r.lines.map((l) => l.quantityCommitted)).toEqual([1, 1]);
    expect(() => r.release()).toThrow(expect.objectContaining({ rule: InventoryRule.RESERVATION_CLOSED }));
  });

  describe('takeUnits (picking shortage)', () => {
    it('takes from the rows of that SKU and reports them short', () => {
      const r = open();
      expect(r.takeUnits('CAKE', 1)).toEqual([{ lineId: 'cake', sku: 'CAKE', quantityWanted: 1, quantityHeld: 0, quantityShort: 1 }]);
      expect(r.fullyHeldLines()).toEqual([]);
    });

    it('takes from the last row first when two lines share a SKU', () => {
      const r = Reservation.open('o', 's', 'p', [
        { lineId: 'a', sku: 'EGG', quantityOrdered: 2, quantityHeld: 2 },
        { lineId: 'b', sku: 'EGG', quantityOrdered: 2, quantityHeld: 2 },
      ]);
      expect(r.takeUnits('EGG', 3)).toEqual([
        { lineId: 'a', sku: 'EGG', quantityWanted: 2, quantityHeld: 1, quantityShort: 1 },
        { lineId: 'b', sku: 'EGG', quantityWanted: 2, quantityHeld: 0, quantityShort: 2 },
      ]);
    });

    it('refuses to take more than it holds', () => {
      expect(() => open().takeUnits('CAKE', 2)).toThrow(expect.objectContaining({ rule: InventoryRule.HOLD_EXCEEDS_LINE }));
    });
  });

  describe('packing (order.ready)', () => {
    const packedEggs = () => {
      const r = Reservation.open('o', 's', 'p', [
        { lineId: 'a', sku: 'EGG', quantityOrdered: 2, quantityHeld: 2 },
        { lineId: 'b', sku: 'EGG', quantityOrdered: 2, quantityHeld: 1 },
      ]);
      r.markPacked();
      r.fillBackorder('b', 'EGG', 1); // arrives after packing: on the shelf, not in the bag
      return r;
    };

    it('marks what is held as packed; units held later are not', () => {
      expect(packedEggs().lines.map((l) => [l.quantityHeld, l.quantityPacked])).toEqual([[2, 2], [2, 1]]);
      expect(packedEggs().packedOf('EGG')).toBe(3);
    });

    it('a loss on the shelf takes only unpacked units', () => {
      const r = packedEggs();
      expect(() => r.takeUnits('EGG', 2)).toThrow(expect.objectContaining({ rule: InventoryRule.HOLD_EXCEEDS_LINE }));
      expect(r.takeUnits('EGG', 1)).toEqual([{ lineId: 'b', sku: 'EGG', quantityWanted: 2, quantityHeld: 1, quantityShort: 1 }]);
    });

    it('a loss from the bag itself takes unpacked units first, then packed ones', () => {
      const r = packedEggs();
      r.takeUnits('EGG', 3, true);
      expect(r.lines.map((l) => [l.quantityHeld, l.quantityPacked])).toEqual([[1, 1], [0, 0]]);
    });

    it('release and commit empty the bag; a refund never leaves more packed than held', () => {
      const refunded = packedEggs();
      refunded.approveRefund('a', 'EGG', 1);
      expect(refunded.lines[0]).toMatchObject({ quantityHeld: 1, quantityPacked: 1 });
      const released = packedEggs();
      released.release();
      expect(released.packedOf('EGG')).toBe(0);
      const committed = packedEggs();
      committed.commit();
      expect(committed.packedOf('EGG')).toBe(0);
    });
  });

  describe('addSubstitute', () => {
    it('adds a held row for the substitute and stops wanting the short units of the original', () => {
      const r = open();
      r.addSubstitute('snacks', 'CHIPS', 'CRISPS', 2);
      expect(r.lines.find((l) => l.sku === 'CHIPS')).toMatchObject({ quantityWanted: 1, quantityHeld: 1 });
      expect(r.lines.find((l) => l.sku === 'CRISPS')).toMatchObject({ lineId: 'snacks', substituteFor: 'CHIPS', quantityWanted: 2, quantityHeld: 2 });
      expect(r.shortLines()).toEqual([]);
    });

    it('adds to an existing substitute row of the same SKU', () => {
      const r = open();
      r.addSubstitute('snacks', 'CHIPS', 'CRISPS', 1);
      r.addSubstitute('snacks', 'CHIPS', 'CRISPS', 1);
      expect(r.lines.find((l) => l.sku === 'CRISPS')).toMatchObject({ quantityWanted: 2, quantityHeld: 2 });
    });

    it('refuses an unknown line', () => {
      expect(() => open().addSubstitute('nope', 'CHIPS', 'CRISPS', 1)).toThrow(expect.objectContaining({ rule: InventoryRule.UNKNOWN_LINE }));
    });
  });

  describe('approveRefund', () => {
    it('keeps held units still wanted and releases the rest', () => {
      const r = open();
      expect(r.approveRefund('snacks', 'CHIPS', 2)).toBe(0);
      expect(r.lines.find((l) => l.sku === 'CHIPS')).toMatchObject({ quantityWanted: 1, quantityHeld: 1 });
      expect(r.approveRefund('cake', 'CAKE', 1)).toBe(1);
      expect(r.heldOf('CAKE')).toBe(0);
    });

    it('is a no-op for an unknown line or a closed reservation', () => {
      const r = open();
      expect(r.approveRefund('nope', 'CAKE', 1)).toBe(0);
      r.release();
      expect(r.approveRefund('cake', 'CAKE', 1)).toBe(0);
    });
  });

  it('fillBackorder holds up to what the line wants', () => {
    const r = open();
    expect(r.outstandingOf('snacks', 'CHIPS')).toBe(2);
    r.fillBackorder('snacks', 'CHIPS', 2);
    expect(r.outstandingOf('snacks', 'CHIPS')).toBe(0);
    expect(() => r.fillBackorder('snacks', 'CHIPS', 1)).toThrow(expect.objectContaining({ rule: InventoryRule.HOLD_EXCEEDS_LINE }));
  });
});
