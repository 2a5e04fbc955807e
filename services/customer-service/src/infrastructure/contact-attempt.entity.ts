import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('contact_attempts')
export class ContactAttemptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'agent_id', type: 'text' }) agentId!: string;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
