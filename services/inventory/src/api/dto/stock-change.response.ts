import { ApiProperty } from '@nestjs/swagger';
import { FilledBackorder } from '../../application/backorder-filler.service';
import { OrderShortfall } from '../../application/record-adjustment.usecase';
import { StockLevel } from '../../application/stock-level.view';
import { StockLevelResponse } from './stock-level.response';

export class FilledBackorderResponse {
  @ApiProperty() orderId: string;
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
}

export class RestockResponse {
  @ApiProperty({ type: StockLevelResponse }) stock: StockLevelResponse;
  @ApiProperty({ type: [FilledBackorderResponse], description: 'Back-orders completed by this delivery, in order of arrival.' })
  backordersFilled: FilledBackorderResponse[];

  static from(result: { level: StockLevel; backordersFilled: FilledBackorder[] }): RestockResponse {
    return Object.assign(new RestockResponse(), {
      stock: StockLevelResponse.from(result.level),
      backordersFilled: result.backordersFilled.map((b) => Object.assign(new FilledBackorderResponse(), b)),
    });
  }
}

export class ShortLineResponse {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantityOrdered: number;
  @ApiProperty({ description: 'Still held for the line.' }) quantityReserved: number;
  @ApiProperty() quantityShort: number;
}

export class OrderShortfallResponse {
  @ApiProperty() orderId: string;
  @ApiProperty({ type: [ShortLineResponse] }) lines: ShortLineResponse[];
}

export class AdjustmentResponse {
  @ApiProperty({ type: StockLevelResponse }) stock: StockLevelResponse;
  @ApiProperty({ description: 'Change of on-hand (negative for a loss).' }) delta: number;
  @ApiProperty({ type: [OrderShortfallResponse], description: 'Orders that lost held units; each got inventory.shortage-detected (PICKING).' })
  shortfalls: OrderShortfallResponse[];

  static from(result: { level: StockLevel; delta: number; shortfalls: OrderShortfall[] }): AdjustmentResponse {
    return Object.assign(new AdjustmentResponse(), {
      stock: StockLevelResponse.from(result.level),
      delta: result.delta,
      shortfalls: result.shortfalls.map((s) =>
        Object.assign(new OrderShortfallResponse(), {
          orderId: s.orderId,
          lines: s.lines.map((l) =>
            Object.assign(new ShortLineResponse(), { lineId: l.lineId, sku: l.sku, quantityOrdered: l.quantityWanted, quantityReserved: l.quantityHeld, quantityShort: l.quantityShort }),
          ),
        }),
      ),
    });
  }
}
