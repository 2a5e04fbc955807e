import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ShortageResolution } from '@askfirst/contracts';
import { DecisionLink, LinkUseOutcome } from '../../domain/decision-link';
import { DecisionLinkEntity, StoredOffer } from './decision-link.entity';
import { UsedDecisionLinkEntity } from './used-decision-link.entity';

@Injectable()
export class DecisionLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, link: DecisionLink): Promise<void> {
    const o = link.offer;
    const offer: StoredOffer = {
      orderId: o.orderId,
      shopperId: o.shopperId,
      shortItems: o.shortItems.map((i) => ({ ...i, restockEta: i.restockEta?.toISOString() })),
      options: o.options,
      deadline: o.deadline.toISOString(),
      fallback: o.fallback,
    };
    await manager.insert(DecisionLinkEntity, { id: link.id, noticeId: link.noticeId, orderId: o.orderId, shopperId: o.shopperId, offer, expiresAt: link.expiresAt });
  }

  async find(id: string): Promise<DecisionLink | null> {
    return this.load(this.dataSource.manager, id, false);
  }

  /** Locks the link row so two posts of the same link cannot both reach the order service. */
  async findForUpdate(manager: EntityManager, id: string): Promise<DecisionLink | null> {
    return this.load(manager, id, true);
  }

  async saveUse(manager: EntityManager, link: DecisionLink): Promise<void> {
    if (!link.use) return;
    await manager.insert(UsedDecisionLinkEntity, { linkId: link.id, usedAt: link.use.usedAt, choice: link.use.choice, outcome: link.use.outcome });
  }

  private async load(manager: EntityManager, id: string, lock: boolean): Promise<DecisionLink | null> {
    const qb = manager.createQueryBuilder(DecisionLinkEntity, 'l').where('l.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) return null;
    const used = await manager.findOneBy(UsedDecisionLinkEntity, { linkId: id });
    return DecisionLink.restore({
      id: row.id,
      noticeId: row.noticeId,
      expiresAt: row.expiresAt,
      offer: {
        orderId: row.offer.orderId,
        shopperId: row.offer.shopperId,
        shortItems: row.offer.shortItems.map((i) => ({ ...i, restockEta: i.restockEta ? new Date(i.restockEta) : undefined })),
        options: row.offer.options as ShortageResolution[],
        deadline: new Date(row.offer.deadline),
        fallback: row.offer.fallback,
      },
      use: used ? { usedAt: used.usedAt, choice: used.choice, outcome: used.outcome as LinkUseOutcome } : null,
    });
  }
}
