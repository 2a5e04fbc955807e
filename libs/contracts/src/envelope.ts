import { IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const SOURCES = ['order', 'inventory', 'notification', 'customer-service'] as const;
export type SourceService = (typeof SOURCES)[number];

/** `<context>.<past-tense-fact>.v<N>` — never derived from a class name. */
export const EVENT_TYPE_PATTERN = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v[0-9]+$/;

/** The envelope every askfirst message carries (CloudEvents-like). Kafka key = subject (the order id). */
export class EventEnvelope<TData = unknown> {
  @IsUUID()
  id!: string;

  @IsString()
  @Matches(EVENT_TYPE_PATTERN, { message: 'type must look like context.fact.vN' })
  type!: string;

  @IsIn(SOURCES)
  source!: SourceService;

  @IsISO8601({ strict: true })
  time!: string;

  /** The order (or, for stock-only facts, `store:sku`) the event is about. */
  @IsString()
  @MaxLength(200)
  subject!: string;

  @IsString()
  @MaxLength(200)
  correlationId!: string;

  /** Id of the event or request that caused this one; absent for a shopper's own request. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  causationId?: string;

  @IsDefined()
  @IsObject()
  data!: TData;
}
