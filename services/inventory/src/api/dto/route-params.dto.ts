import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { SKU_PATTERN } from '@askfirst/contracts';

/** Store ids travel in events (max 100 chars); keep them URL-safe and bounded. */
export const STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class StoreParams {
  @ApiProperty({ example: 'store-berlin-1', pattern: STORE_ID_PATTERN.source })
  @Matches(STORE_ID_PATTERN, { message: 'storeId must be 1-100 letters, digits, dots, dashes or underscores' })
  storeId: string;
}

export class SkuParams extends StoreParams {
  @ApiProperty({ example: 'CAKE-CREAM', pattern: SKU_PATTERN.source })
  @Matches(SKU_PATTERN, { message: 'sku must be 2-40 upper-case letters, digits or dashes' })
  sku: string;
}

export class OrderParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId: string;
}
