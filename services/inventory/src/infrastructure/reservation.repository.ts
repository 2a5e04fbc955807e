import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HoldOnSku } from '../domain/picking-shortfall';
import { Reservation, ReservationLine, ReservationStatus } from '../domain/reservation';

// Plain SQL throughout: these statements run for every consumed event, and TypeORM's query
// building and hydration cost more CPU than the queries themselves.

interface ReservationRow {
  order_id: string;
  store_id: string;
  shopper_id: string;
  status: ReservationStatus;
  seq: string;
  /** xmin: changes whenever the row is written, and every write of lines writes the row too. */
  version: string;
}

interface LineRow {
  order_id: string;
  line_id: string;
  sku: string;
  substitute_for: string | null;
  quantity_wanted: number;
  quantity_held: number;
  quantity_packed: number;
  quantity_committed: number;
}

const COLUMNS = 'r.order_id, r.store_id, r.shopper_id, r.status, r.seq, r.xmin::text AS version';
const LINE_COLUMNS = 'line_id, sku, substitute_for, quantity_wanted, quantity_held, quantity_packed, quantity_committed';
const LINES_AS_JSON = `coalesce((SELECT json_agg(json_build_object('lineId', l.line_id, 'sku', l.sku, 'substituteFor', l.substitute_for,
  'quantityWanted', l.quantity_wanted, 'quantityHeld', l.quantity_held, 'quantityPacked', l.quantity_packed,
  'quantityCommitted', l.quantity_committed) ORDER BY l.position) FROM reservation_lines l WHERE l.order_id = r.order_id), '[]'::json) AS lines`;

/** The row version each reservation was read at, for `relock`. */
const versions = new WeakMap<Reservation, string>();

/**
 * Reservations with their lines. Lock a reservation only after the stock rows it touches. Lines
 * are only ever written together with their reservation row (`insertIfAbsent`, `save`).
 */
@Injectable()
export class ReservationRepository {
  /** The reservation and its lines in one statement. */
  async find(manager: EntityManager, orderId: string): Promise<Reservation | null> {
    const rows: (ReservationRow & { lines: ReservationLine[] })[] = await manager.query(
      `SELECT ${COLUMNS}, ${LINES_AS_JSON} FROM reservations r WHERE r.order_id = $1`,
      [orderId],
    );
    return rows.length ? toDomain(rows[0], rows[0].lines) : null;
  }

  async lock(manager: EntityManager, orderId: string): Promise<Reservation | null> {
    return (await this.lockMany(manager, [orderId])).get(orderId) ?? null;
  }

  /**
   * Locks the reservation `read` came from (by `find`) and returns `read` itself when nobody wrote
   * the row since, else reads it again: one statement instead of two in the usual case.
   */
  async relock(manager: EntityManager, read: Reservation): Promise<Reservation | null> {
    const rows: { version: string }[] = await manager.query(`SELECT xmin::text AS version FROM reservations WHERE order_id = $1 FOR UPDATE`, [read.orderId]);
    if (!rows.length) return null;
    return rows[0].version === versions.get(read) ? read : this.lock(manager, read.orderId);
  }

  /**
   * Locked in order-id order, so two transactions touching the same orders never deadlock. The lines
   * are read by a second statement: one that waited for a lock still reads from its older snapshot.
   */
  async lockMany(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, Reservation>> {
    const unique = [...new Set(orderIds)].sort();
    if (!unique.length) return new Map();
    const rows: ReservationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM reservations r WHERE r.order_id = ANY($1::uuid[]) ORDER BY r.order_id FOR UPDATE`,
      [unique],
    );
    if (!rows.length) return new Map();
    const lines: LineRow[] = await manager.query(
      `SELECT order_id, ${LINE_COLUMNS} FROM reservation_lines WHERE order_id = ANY($1::uuid[]) ORDER BY position`,
      [rows.map((r) => r.order_id)],
    );
    return new Map(rows.map((row) => [row.order_id, toDomain(row, lines.filter((l) => l.order_id === row.order_id).map(toLine))]));
  }

  /** False when the order already has a reservation (a redelivered or re-published order.placed). */
  async insertIfAbsent(manager: EntityManager, reservation: Reservation): Promise<boolean> {
    const [{ inserted }]: { inserted: number }[] = await manager.query(
      `WITH r AS (
         INSERT INTO reservations (order_id, store_id, shopper_id, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id
       ), l AS (
         INSERT INTO reservation_lines (order_id, ${LINE_COLUMNS}, position)
         SELECT r.order_id, v.* FROM r, unnest($5::uuid[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[]) AS v
       )
       SELECT count(*)::int AS inserted FROM r`,
      [reservation.orderId, reservation.storeId, reservation.shopperId, reservation.status, ...lineArrays(linesOf(reservation))],
    );
    return inserted > 0;
  }

  async save(manager: EntityManager, reservation: Reservation): Promise<void> {
    await this.saveMany(manager, [reservation]);
  }

  /** Status (and updated_at) of each reservation and its lines, one statement; unchanged lines are not rewritten. */
  async saveMany(manager: EntityManager, reservations: Iterable<Reservation>): Promise<void> {
    const all = [...reservations];
    if (!all.length) return;
    const lines = all.flatMap(linesOf);
    await manager.query(
      `WITH r AS (
         UPDATE reservations SET status = v.status, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS v(order_id, status) WHERE reservations.order_id = v.order_id
       )
       INSERT INTO reservation_lines AS l (order_id, ${LINE_COLUMNS}, position)
       SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[])
       ON CONFLICT (order_id, line_id, sku) DO UPDATE SET
         substitute_for = excluded.substitute_for, quantity_wanted = excluded.quantity_wanted, quantity_held = excluded.quantity_held,
         quantity_packed = excluded.quantity_packed, quantity_committed = excluded.quantity_committed, position = excluded.position
       WHERE (l.substitute_for, l.quantity_wanted, l.quantity_held, l.quantity_packed, l.quantity_committed, l.position)
         IS DISTINCT FROM (excluded.substitute_for, excluded.quantity_wanted, excluded.quantity_held, excluded.quantity_packed, excluded.quantity_committed, excluded.position)`,
      [all.map((r) => r.orderId), all.map((r) => r.status), lines.map((l) => l.orderId), ...lineArrays(lines)],
    );
  }

  /** Who holds units of a SKU in a store right now; stable while the caller holds that SKU's stock lock. */
  async holdsOn(manager: EntityManager, storeId: string, sku: string): Promise<HoldOnSku[]> {
    const rows: { order_id: string; seq: string; held: string; packed: string }[] = await manager.query(
      `SELECT r.order_id, r.seq, sum(l.quantity_held) AS held, sum(l.quantity_packed) AS packed
         FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
        WHERE r.store_id = $1 AND l.sku = $2 AND r.status = $3 AND l.quantity_held > 0
        GROUP BY r.order_id, r.seq`,
      [storeId, sku, ReservationStatus.HELD],
    );
    return rows.map((r) => ({ orderId: r.order_id, seq: Number(r.seq), held: Number(r.held), packed: Number(r.packed) }));
  }
}

interface LineToWrite extends ReservationLine {
  orderId: string;
  position: number;
}

function linesOf(reservation: Reservation): LineToWrite[] {
  return reservation.lines.map((l, position) => ({ ...l, orderId: reservation.orderId, position }));
}

/** One array per column, in LINE_COLUMNS order and then position, for unnest. */
function lineArrays(lines: readonly LineToWrite[]): unknown[][] {
  return [
    lines.map((l) => l.lineId),
    lines.map((l) => l.sku),
    lines.map((l) => l.substituteFor),
    lines.map((l) => l.quantityWanted),
    lines.map((l) => l.quantityHeld),
    lines.map((l) => l.quantityPacked),
    lines.map((l) => l.quantityCommitted),
    lines.map((l) => l.position),
  ];
}

function toLine(l: LineRow): ReservationLine {
  return {
    lineId: l.line_id,
    sku: l.sku,
    substituteFor: l.substitute_for,
    quantityWanted: l.quantity_wanted,
    quantityHeld: l.quantity_held,
    quantityPacked: l.quantity_packed,
    quantityCommitted: l.quantity_committed,
  };
}

function toDomain(row: ReservationRow, lines: ReservationLine[]): Reservation {
  const reservation = Reservation.restore({ orderId: row.order_id, storeId: row.store_id, shopperId: row.shopper_id, status: row.status, seq: Number(row.seq), lines });
  versions.set(reservation, row.version);
  return reservation;
}
