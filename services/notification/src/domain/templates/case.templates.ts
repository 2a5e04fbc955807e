import { CaseType } from '@askfirst/contracts';
import { NoticeContent } from '../notice-content';
import { NoticeKind } from '../notice-kind';
import { NoticeFacts } from './notice-facts';
import { orderRef, when } from './plain-words';

type Facts<K extends NoticeKind> = Extract<NoticeFacts, { kind: K }>;

function why(caseType: CaseType): string {
  switch (caseType) {
    case CaseType.SHORTAGE_CONTACT:
      return "about the items we're missing";
    case CaseType.UNREACHABLE_SHOPPER:
      return "because our messages didn't reach you";
    case CaseType.SHOPPER_ASKED_FOR_HUMAN:
      return 'because you asked to talk to a person';
    case CaseType.ESCALATION:
      return 'so a supervisor can sort it out';
  }
}

export function caseOpened(facts: Facts<NoticeKind.CASE_OPENED>): NoticeContent {
  return {
    subject: `A person will contact you about order ${orderRef(facts.orderId)}`,
    paragraphs: [`We opened a case ${why(facts.caseType)}. Someone from our team will contact you by ${when(facts.slaDueAt)}.`],
  };
}

export function agentJoined(facts: Facts<NoticeKind.AGENT_JOINED>): NoticeContent {
  return {
    subject: `An agent is looking at order ${orderRef(facts.orderId)}`,
    paragraphs: [`One of our agents has taken your case ${why(facts.caseType)} and will contact you shortly.`],
  };
}
