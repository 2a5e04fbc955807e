import { NoticeContent } from '../notice-content';

export const MAX_SMS_LENGTH = 480;

/** Subject and the link always fit; the first paragraph is trimmed to make room. */
export function renderSms(content: NoticeContent): string {
  const link = content.action ? ` ${content.action.url}` : '';
  const head = `askfirst: ${content.subject}`;
  const room = MAX_SMS_LENGTH - head.length - link.length - 1;
  const first = content.paragraphs[0] ?? '';
  const body = room <= 1 ? '' : first.length <= room ? ` ${first}` : ` ${first.slice(0, room - 2)}…`;
  return `${head}${body}${link}`.slice(0, MAX_SMS_LENGTH);
}
