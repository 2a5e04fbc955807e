import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import { EXTERNAL_CHANNELS, ExternalChannel } from '../../domain/channel-settings';

/** The whole setting: a channel left out is switched off. The in-app inbox is always on. */
export class ChannelSettingsRequest {
  @ApiPropertyOptional({ example: 'ada@example.com', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+4915112345678', description: 'E.164', maxLength: 16 })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be an E.164 number such as +4915112345678' })
  phone?: string;

  @ApiPropertyOptional({ example: 'https://app.example.com/hooks/askfirst', maxLength: 2000 })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  webhookUrl?: string;

  @ApiPropertyOptional({ enum: EXTERNAL_CHANNELS, isArray: true, maxItems: 3, example: ['EMAIL', 'SMS', 'WEBHOOK'], description: 'Fallback order; configured channels not listed follow in the default order.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(EXTERNAL_CHANNELS, { each: true })
  order?: ExternalChannel[];
}
