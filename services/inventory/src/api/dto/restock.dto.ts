import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_UNITS_PER_CHANGE = 100_000;

export class RestockDto {
  @ApiProperty({ example: 6, minimum: 1, maximum: MAX_UNITS_PER_CHANGE })
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS_PER_CHANGE)
  quantity: number;
}
