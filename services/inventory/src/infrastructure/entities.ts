import { BackorderEntity } from './backorder.entity';
import { ReservationLineEntity } from './reservation-line.entity';
import { ReservationEntity } from './reservation.entity';
import { StockAdjustmentEntity } from './stock-adjustment.entity';
import { StockItemEntity } from './stock-item.entity';

export const INVENTORY_ENTITIES: Function[] = [StockItemEntity, ReservationEntity, ReservationLineEntity, BackorderEntity, StockAdjustmentEntity];
