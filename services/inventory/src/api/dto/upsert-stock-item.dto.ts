import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PRICE_CENTS = 10_000_000;
export const MAX_INITIAL_ON_HAND = 1_000_000;

export class UpsertStockItemDto {
  @ApiProperty({ example: 'Cream cake', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ example: 'cakes', maxLength: 100, description: 'Substitutes are suggested from the same category.' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'category must not be blank' })
  category: string;

  @ApiProperty({ example: 1299, minimum: 0, maximum: MAX_PRICE_CENTS })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  unitPriceCents: number;

  @ApiPropertyOptional({
    example: 12,
    minimum: 0,
    maximum: MAX_INITIAL_ON_HAND,
    description: 'Initial stock of a new entry. On an existing entry it must equal the current on-hand (use restock or a RECOUNT adjustment to change stock).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INITIAL_ON_HAND)
  onHand?: number;

  @ApiPropertyOptional({ example: '2030-01-01T09:00:00Z', format: 'date-time', maxLength: 40, description: 'When the next delivery is expected; shown to shoppers on a shortage. Omit to clear.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  restockEta?: string;
}
