// `npm run audit [-- --system <json|@file>] [--grace-seconds N] [--json]`: reads every service's
// database read-only and reports each invariant violation (I1–I6, ARCHITECTURE.md §1).
// Databases: AUDIT_<SERVICE>_DATABASE_URL, else askfirst_<service> on the server of DATABASE_URL
// (default the local postgres://postgres@127.0.0.1:5432). Exit 0: none; 1: violations; 2: could not audit.
import { readFileSync } from 'node:fs';
import { databaseUrlsFromSystem, defaultDatabaseUrls, formatReport, runAudit } from './audit';

function usage(): never {
  process.stderr.write(
    'usage: npm run audit -- [--system <json | @file.json>] [--grace-seconds N (default 60)] [--json] [--max-per-rule N]\n' +
      '  databases: AUDIT_ORDER_DATABASE_URL, AUDIT_INVENTORY_DATABASE_URL, AUDIT_NOTIFICATION_DATABASE_URL,\n' +
      '  AUDIT_CUSTOMER_SERVICE_DATABASE_URL; else askfirst_<service> on the server of DATABASE_URL\n',
  );
  process.exit(2);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let urls = defaultDatabaseUrls();
  let graceSeconds = Number(process.env.AUDIT_GRACE_SECONDS ?? 60);
  let maxPerRule = 20;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => args[++i] ?? usage();
    if (arg === '--system') {
      const raw = value();
      urls = databaseUrlsFromSystem(raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw, urls);
    } else if (arg === '--grace-seconds') graceSeconds = Number(value());
    else if (arg === '--max-per-rule') maxPerRule = Number(value());
    else if (arg === '--json') json = true;
    else usage();
  }
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) usage();
  const report = await runAudit(urls, { graceSeconds, maxPerRule });
  process.stdout.write(`${json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  return report.violationCount === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`audit: could not read the databases: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
