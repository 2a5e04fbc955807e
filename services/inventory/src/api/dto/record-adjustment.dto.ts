import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { StockAdjustmentReason } from '@askfirst/contracts';
import { AdjustmentReason } from '../../application/record-adjustment.usecase';
import { AllowedForReasons } from './allowed-for-reasons.validator';
import { MAX_UNITS_PER_CHANGE } from './restock.dto';

const { MISSING, DAMAGED, RECOUNT } = StockAdjustmentReason;
const REASONS: AdjustmentReason[] = [MISSING, DAMAGED, RECOUNT];
export const MAX_COUNTED_ON_HAND = 1_000_000;

export class RecordAdjustmentDto {
  @ApiProperty({ enum: REASONS, example: MISSING })
  @IsIn(REASONS)
  reason: AdjustmentReason;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_UNITS_PER_CHANGE, example: 1, description: 'Units lost; required for MISSING and DAMAGED.' })
  @ValidateIf((o: RecordAdjustmentDto) => o.reason !== RECOUNT || o.quantity !== undefined)
  @AllowedForReasons([MISSING, DAMAGED])
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS_PER_CHANGE)
  quantity?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_COUNTED_ON_HAND, example: 3, description: 'What the shelf holds; required for RECOUNT.' })
  @ValidateIf((o: RecordAdjustmentDto) => o.reason === RECOUNT || o.countedOnHand !== undefined)
  @AllowedForReasons([RECOUNT])
  @IsInt()
  @Min(0)
  @Max(MAX_COUNTED_ON_HAND)
  countedOnHand?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The order the picker is on: it loses the units first.' })
  @IsOptional()
  @IsUUID()
  orderId?: string;
}
