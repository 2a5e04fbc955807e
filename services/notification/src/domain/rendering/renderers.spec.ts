import { NoticeKind } from '../notice-kind';
import { renderEmail } from './email.renderer';
import { MAX_SMS_LENGTH, renderSms } from './sms.renderer';
import { webhookPayload } from './webhook-payload';

describe('channel renderers', () => {
  const content = { subject: 'Cake <b>gone</b>', paragraphs: ['We couldn\'t get "1 × cake" & more.'], action: { label: 'Choose', url: 'https://shop.example/d/a.b.c' } };

  it('email: plain text with the link, HTML with everything escaped', () => {
    const email = renderEmail(content);
    expect(email.text).toBe('We couldn\'t get "1 × cake" & more.\n\nChoose: https://shop.example/d/a.b.c');
    expect(email.html).toContain('Cake &lt;b&gt;gone&lt;/b&gt;');
    expect(email.html).toContain('We couldn&#39;t get &quot;1 × cake&quot; &amp; more.');
    expect(email.html).toContain('href="https://shop.example/d/a.b.c"');
    expect(email.html).not.toContain('<b>');
  });

  it('SMS: always keeps the subject and the link within the length limit', () => {
    const long = { ...content, paragraphs: ['x'.repeat(2000)] };
    const sms = renderSms(long);
    expect(sms.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(sms.startsWith('askfirst: Cake <b>gone</b>')).toBe(true);
    expect(sms.endsWith(' https://shop.example/d/a.b.c')).toBe(true);
    expect(renderSms({ subject: 'Hi', paragraphs: ['Short.'] })).toBe('askfirst: Hi Short.');
  });

  it('webhook: the notice as JSON, with the time it was sent', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(webhookPayload({ id: 'n', orderId: 'o', shopperId: 's', kind: NoticeKind.ORDER_DISPATCHED, content }, now)).toEqual({
      type: 'askfirst.notice.v1',
      noticeId: 'n',
      orderId: 'o',
      shopperId: 's',
      kind: 'ORDER_DISPATCHED',
      subject: content.subject,
      paragraphs: content.paragraphs,
      action: content.action,
      sentAt: '2026-11-26T10:00:00.000Z',
    });
  });
});
