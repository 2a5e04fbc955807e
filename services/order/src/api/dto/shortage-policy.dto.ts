import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsEnum, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { NoAnswerFallback, ShortageChoice, SKU_PATTERN } from '@askfirst/contracts';
import { MAX_DECISION_WINDOW_MINUTES } from '../../domain/shortage-policy';
import { AllowedWith } from './allowed-with.validator';

const { CONTACT_ME, SUBSTITUTE } = ShortageChoice;
const isContactMe = (o: ShortagePolicyDto) => o.choice === CONTACT_ME;

/** What the shopper wants when an item runs short: for the order, or as a line's override. */
export class ShortagePolicyDto {
  @ApiProperty({ enum: ShortageChoice, description: 'CONTACT_ME asks the shopper; the others act at once with notice.' })
  @IsEnum(ShortageChoice)
  choice!: ShortageChoice;

  @ApiPropertyOptional({ description: 'SUBSTITUTE only: a named SKU; absent means best match in the same category.', pattern: SKU_PATTERN.source, maxLength: 40, example: 'CAKE-CHOC' })
  @IsOptional()
  @Matches(SKU_PATTERN, { message: 'substituteSku must be an upper-case SKU (A-Z, 0-9, -; 2-40 chars)' })
  @AllowedWith('choice', [SUBSTITUTE])
  substituteSku?: string;

  @ApiPropertyOptional({ description: 'CONTACT_ME (required): minutes before thenFallback applies.', minimum: 1, maximum: MAX_DECISION_WINDOW_MINUTES, example: 15 })
  @ValidateIf((o: ShortagePolicyDto) => isContactMe(o) || o.ifNoAnswerWithin !== undefined)
  @IsDefined({ message: 'CONTACT_ME needs ifNoAnswerWithin (minutes)' })
  @IsInt()
  @Min(1)
  @Max(MAX_DECISION_WINDOW_MINUTES)
  @AllowedWith('choice', [CONTACT_ME])
  ifNoAnswerWithin?: number;

  @ApiPropertyOptional({
    enum: NoAnswerFallback,
    description: 'CONTACT_ME (required): what applies if nobody reaches the shopper in time. SUBSTITUTE (optional, default REFUND_ITEM_SHIP_REST): what applies when no substitute can be held. KEEP_HOLDING never refunds; a supervisor takes over.',
  })
  @ValidateIf((o: ShortagePolicyDto) => isContactMe(o) || o.thenFallback !== undefined)
  @IsDefined({ message: 'CONTACT_ME needs thenFallback: REFUND_ITEM_SHIP_REST, CANCEL_ORDER or KEEP_HOLDING' })
  @IsEnum(NoAnswerFallback)
  @AllowedWith('choice', [CONTACT_ME, SUBSTITUTE])
  thenFallback?: NoAnswerFallback;
}
