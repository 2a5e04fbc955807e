import { NoticeContent } from '../notice-content';
import { escapeHtml } from './html-escape';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(content: NoticeContent): RenderedEmail {
  const text = [...content.paragraphs, ...(content.action ? [`${content.action.label}: ${content.action.url}`] : [])].join('\n\n');
  const body = content.paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('\n');
  const action = content.action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1f6f43;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1b1b;max-width:560px">
<h2 style="font-size:18px">${escapeHtml(content.subject)}</h2>
${body}
${action}
</body></html>`;
  return { subject: content.subject, text, html };
}
