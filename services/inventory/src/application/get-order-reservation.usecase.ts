import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Backorder } from '../domain/backorder';
import { Reservation } from '../domain/reservation';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { ReservationNotFoundException } from './inventory.exceptions';

/** What inventory holds for an order, with its back-orders: for agents and audits. */
@Injectable()
export class GetOrderReservationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reservations: ReservationRepository,
    private readonly backorders: BackorderRepository,
  ) {}

  async execute(orderId: string): Promise<{ reservation: Reservation; backorders: Backorder[] }> {
    const reservation = await this.reservations.find(this.dataSource.manager, orderId);
    if (!reservation) throw new ReservationNotFoundException(orderId);
    return { reservation, backorders: await this.backorders.listForOrder(this.dataSource.manager, orderId) };
  }
}
