import { ApiProperty } from '@nestjs/swagger';
import { Backorder, BackorderStatus } from '../../domain/backorder';
import { Reservation, ReservationStatus } from '../../domain/reservation';

export class ReservationLineResponse {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty({ type: String, nullable: true, description: 'The SKU this row substitutes for.' }) substituteFor: string | null;
  @ApiProperty({ description: 'What the order still expects of this SKU on this line.' }) quantityWanted: number;
  @ApiProperty() quantityHeld: number;
  @ApiProperty({ description: 'Held units already packed for the courier (the order is READY).' }) quantityPacked: number;
  @ApiProperty() quantityCommitted: number;
  @ApiProperty({ description: 'Wanted but not held; 0 once the reservation is released or committed.' }) quantityShort: number;
}

export class BackorderResponse {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() quantityFilled: number;
  @ApiProperty({ enum: BackorderStatus }) status: BackorderStatus;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
}

export class ReservationResponse {
  @ApiProperty() orderId: string;
  @ApiProperty() storeId: string;
  @ApiProperty({ enum: ReservationStatus }) status: ReservationStatus;
  @ApiProperty({ type: [ReservationLineResponse] }) lines: ReservationLineResponse[];
  @ApiProperty({ type: [BackorderResponse] }) backorders: BackorderResponse[];

  static from(reservation: Reservation, backorders: Backorder[]): ReservationResponse {
    return Object.assign(new ReservationResponse(), {
      orderId: reservation.orderId,
      storeId: reservation.storeId,
      status: reservation.status,
      lines: reservation.lines.map((l) => Object.assign(new ReservationLineResponse(), { ...l, quantityShort: reservation.isHeld ? l.quantityWanted - l.quantityHeld : 0 })),
      backorders: backorders.map((b) =>
        Object.assign(new BackorderResponse(), { lineId: b.lineId, sku: b.sku, quantity: b.quantity, quantityFilled: b.quantityFilled, status: b.status, queuedAt: b.queuedAt.toISOString() }),
      ),
    });
  }
}
