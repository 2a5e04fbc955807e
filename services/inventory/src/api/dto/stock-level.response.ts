import { ApiProperty } from '@nestjs/swagger';
import { StockLevel } from '../../application/stock-level.view';

export class StockLevelResponse {
  @ApiProperty() storeId: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty() unitPriceCents: number;
  @ApiProperty({ description: 'Units on the shelf.' }) onHand: number;
  @ApiProperty({ description: 'Units held for orders; never more than onHand.' }) reserved: number;
  @ApiProperty({ description: 'onHand - reserved.' }) available: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) restockEta: string | null;

  static from(level: StockLevel): StockLevelResponse {
    return Object.assign(new StockLevelResponse(), level);
  }
}

export class StockListResponse {
  @ApiProperty() storeId: string;
  @ApiProperty({ type: [StockLevelResponse] }) items: StockLevelResponse[];
  @ApiProperty({ type: [String], description: 'Requested SKUs this store does not list.' }) unknownSkus: string[];

  static from(storeId: string, result: { items: StockLevel[]; unknownSkus: string[] }): StockListResponse {
    return Object.assign(new StockListResponse(), { storeId, items: result.items.map(StockLevelResponse.from), unknownSkus: result.unknownSkus });
  }
}
