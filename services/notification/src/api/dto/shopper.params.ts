import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export const SHOPPER_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,100}$/;

export class ShopperParams {
  @ApiProperty({ example: 'shopper-42', maxLength: 100 })
  @Matches(SHOPPER_ID_PATTERN, { message: 'shopperId must be 1-100 letters, digits or . _ : @ -' })
  shopperId!: string;
}

export class OrderParams {
  @ApiProperty({ example: '0f8fad5b-d9cb-469f-a165-70867728950e', maxLength: 200 })
  @Matches(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'orderId must be 1-200 letters, digits or . _ : -' })
  orderId!: string;
}
