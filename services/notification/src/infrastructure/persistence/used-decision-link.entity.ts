import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A decision link is spent once a row is here. */
@Entity('used_decision_links')
export class UsedDecisionLinkEntity {
  @PrimaryColumn('uuid', { name: 'link_id' }) linkId!: string;
  @Column('timestamptz', { name: 'used_at' }) usedAt!: Date;
  @Column('text') choice!: string;
  @Column('text') outcome!: string;
}
