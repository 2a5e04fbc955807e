import { Injectable } from '@nestjs/common';
import { AgentJoinedV1, CaseOpenedV1, CaseType, EventEnvelope, Events } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { CreateNoticeUseCase } from '../application/create-notice.usecase';
import { NoticeKind } from '../domain/notice-kind';
import { causeOf } from './notice-cause';

/** Customer service is on it: the shopper hears that a person will contact them, and when. */
@Injectable()
export class CaseNoticesHandler {
  constructor(private readonly createNotice: CreateNoticeUseCase) {}

  @OnEvent(Events.caseOpened)
  async onCaseOpened(envelope: EventEnvelope<CaseOpenedV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    // That case exists because our notices failed; sending another through the same channels
    // would only fail again and feed delivery-failed -> case -> notice. The agent calls instead.
    if (d.caseType === CaseType.UNREACHABLE_SHOPPER) return;
    await this.createNotice.execute(tx, causeOf(envelope), { kind: NoticeKind.CASE_OPENED, orderId: d.orderId, caseType: d.caseType, slaDueAt: new Date(d.slaDueAt) });
  }

  @OnEvent(Events.agentJoined)
  async onAgentJoined(envelope: EventEnvelope<AgentJoinedV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), { kind: NoticeKind.AGENT_JOINED, orderId: d.orderId, caseType: d.caseType });
  }
}
