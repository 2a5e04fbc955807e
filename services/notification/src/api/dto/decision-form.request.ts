import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The button the shopper pressed on the decision page. */
export class DecisionFormRequest {
  @ApiProperty({ example: 'REFUND_ITEM_SHIP_REST', maxLength: 81, description: 'A choice value from the page, e.g. WAIT_FOR_RESTOCK or SUBSTITUTE:CAKE-VANILLA' })
  @Matches(/^[A-Z_]{1,40}(:[A-Z0-9][A-Z0-9-]{1,39})?$/, { message: 'choice is not a value the decision page offers' })
  choice!: string;
}
