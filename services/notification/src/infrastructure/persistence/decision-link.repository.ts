import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ShortageResolution } from '@askfirst/contracts';
import { DecisionLink, LinkUseOutcome } from '../../domain/decision-link';
import { StoredOffer } from './decision-link.entity';

/** A decision_links row with its use, if any (used_decision_links, outer-joined). */
interface LinkRow {
  id: string;
  notice_id: string;
  offer: StoredOffer;
  expires_at: Date;
  used_at: Date | null;
  choice: string | null;
  outcome: string | null;
}

// Plain SQL: a link is written per decision notice and read per click; TypeORM's query building costs more than the queries.
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
    await manager.query(`INSERT INTO decision_links (id, notice_id, order_id, shopper_id, offer, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      link.id, link.noticeId, o.orderId, o.shopperId, JSON.stringify(offer), link.expiresAt,
    ]);
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
    await manager.query(`INSERT INTO used_decision_links (link_id, used_at, choice, outcome) VALUES ($1, $2, $3, $4)`, [link.id, link.use.usedAt, link.use.choice, link.use.outcome]);
  }

  /**
   * The link and its use in one statement. With `lock`, the link row is locked by a statement of its
   * own first: a statement's snapshot predates the lock wait, so only a later one sees a use that
   * the transaction we waited for committed.
   */
  private async load(manager: EntityManager, id: string, lock: boolean): Promise<DecisionLink | null> {
    if (lock && !((await manager.query(`SELECT id FROM decision_links WHERE id = $1 FOR UPDATE`, [id])) as unknown[]).length) return null;
    const rows = (await manager.query(
      `SELECT l.id, l.notice_id, l.offer, l.expires_at, u.used_at, u.choice, u.outcome
         FROM decision_links l LEFT JOIN used_decision_links u ON u.link_id = l.id
        WHERE l.id = $1`,
      [id],
    )) as LinkRow[];
    const row = rows[0];
    if (!row) return null;
    return DecisionLink.restore({
      id: row.id,
      noticeId: row.notice_id,
      expiresAt: row.expires_at,
      offer: {
        orderId: row.offer.orderId,
        shopperId: row.offer.shopperId,
        shortItems: row.offer.shortItems.map((i) => ({ ...i, restockEta: i.restockEta ? new Date(i.restockEta) : undefined })),
        options: row.offer.options as ShortageResolution[],
        deadline: new Date(row.offer.deadline),
        fallback: row.offer.fallback,
      },
      use: row.used_at ? { usedAt: row.used_at, choice: row.choice as string, outcome: row.outcome as LinkUseOutcome } : null,
    });
  }
}
