import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { MAX_LINES, ShortageResolution, SKU_PATTERN } from '@askfirst/contracts';
import { AllowedWith } from './allowed-with.validator';
import { ID_PATTERN } from './place-order.dto';

export const SHOPPER_RESOLUTIONS = [
  ShortageResolution.WAIT_FOR_RESTOCK, ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER,
] as const;

export class DecisionDto {
  @ApiProperty({ enum: SHOPPER_RESOLUTIONS })
  @IsIn(SHOPPER_RESOLUTIONS)
  resolution!: ShortageResolution;

  @ApiPropertyOptional({
    type: [String], format: 'uuid', maxItems: MAX_LINES,
    description: 'Default: every line waiting for a decision. To change your mind about a BACKORDERED line (REFUND_ITEM_SHIP_REST or CANCEL_ORDER), name it.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @IsUUID('all', { each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ description: 'SUBSTITUTE only: a named SKU; absent means best match.', pattern: SKU_PATTERN.source, maxLength: 40 })
  @IsOptional()
  @Matches(SKU_PATTERN, { message: 'substituteSku must be an upper-case SKU (A-Z, 0-9, -; 2-40 chars)' })
  @AllowedWith('resolution', [ShortageResolution.SUBSTITUTE])
  substituteSku?: string;

  @ApiPropertyOptional({ description: 'Required with a service token (the notification service answering for the shopper through a decision link).', pattern: ID_PATTERN.source, maxLength: 100 })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'shopperId must be 1-100 letters, digits or ._:@-' })
  shopperId?: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ description: 'Required with a service token: the shopper who asked to cancel.', pattern: ID_PATTERN.source, maxLength: 100 })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'shopperId must be 1-100 letters, digits or ._:@-' })
  shopperId?: string;
}
