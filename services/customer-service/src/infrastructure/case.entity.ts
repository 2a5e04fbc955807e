import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecordedDecision } from '../domain/case.events';

@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'shopper_id', type: 'text' }) shopperId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) queue!: string;
  @Column({ type: 'int' }) priority!: number;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'sla_due_at', type: 'timestamptz' }) slaDueAt!: Date;
  @Column({ name: 'first_contact_at', type: 'timestamptz', nullable: true }) firstContactAt!: Date | null;
  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true }) breachedAt!: Date | null;
  @Column({ name: 'agent_id', type: 'text', nullable: true }) agentId!: string | null;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'resolution_summary', type: 'text', nullable: true }) resolutionSummary!: string | null;
  @Column({ type: 'jsonb', nullable: true }) decision!: RecordedDecision | null;
  @Column({ type: 'int' }) version!: number;
}
