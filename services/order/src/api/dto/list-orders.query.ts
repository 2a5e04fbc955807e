import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN } from './place-order.dto';

export class ListOrdersQuery {
  @ApiPropertyOptional({ description: 'Required for staff and service tokens; a shopper sees only their own.', pattern: ID_PATTERN.source, maxLength: 100 })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'shopperId must be 1-100 letters, digits or ._:@-' })
  shopperId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page.', maxLength: 200 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;
}
