import { escapeHtml } from '../../domain/rendering/html-escape';

export interface HtmlPage {
  status: number;
  html: string;
}

/** Pages carry a signed token in their URL: no scripts, no third-party anything, no referrer. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const STYLE = `
  body { margin: 0; background: #f5f4ef; color: #1b1b1b; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; border-radius: 12px; padding: 1.5rem 1.75rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 1.35rem; margin: 0 0 .75rem; }
  .ref { color: #666; font-size: .9rem; margin: 0 0 1rem; }
  ul.items { padding-left: 1.1rem; }
  ul.items li { margin: .35rem 0; }
  .muted { color: #555; font-size: .95rem; }
  form { display: grid; gap: .6rem; margin: 1.25rem 0 .5rem; }
  button { font: inherit; text-align: left; padding: .8rem 1rem; border-radius: 8px; border: 1px solid #c9c6bb; background: #fbfaf6; cursor: pointer; }
  button:hover, button:focus { border-color: #1f6f43; background: #eef6f0; outline: none; }
  .notice { border-left: 4px solid #1f6f43; padding-left: .9rem; }
  .notice.warn { border-color: #b4531b; }
`;

export function page(status: number, title: string, body: string): HtmlPage {
  return {
    status,
    html: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>`,
  };
}
