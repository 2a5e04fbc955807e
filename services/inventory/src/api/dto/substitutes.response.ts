import { ApiProperty } from '@nestjs/swagger';
import { SubstituteCandidate } from '../../domain/substitute-ranking';

export class SubstituteResponse {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty() unitPriceCents: number;
  @ApiProperty() available: number;
}

export class SubstitutesResponse {
  @ApiProperty() storeId: string;
  @ApiProperty() sku: string;
  @ApiProperty({ type: [SubstituteResponse], description: 'Same category, in stock, closest price first.' }) substitutes: SubstituteResponse[];

  static from(storeId: string, sku: string, candidates: SubstituteCandidate[]): SubstitutesResponse {
    return Object.assign(new SubstitutesResponse(), { storeId, sku, substitutes: candidates.map((c) => Object.assign(new SubstituteResponse(), c)) });
  }
}
