// Mints a development bearer token: `npm run token -- shopper shopper-1` (roles: shopper, agent,
// supervisor, service). Signs with JWT_SECRET, or the development default the services use
// outside production — never a production secret on a laptop.
import { DEV_JWT_SECRET, mintToken, ROLES, Role } from '@askfirst/platform';

async function main() {
  const [role, subject, ttl = '8h'] = process.argv.slice(2);
  if (!role || !subject || !(ROLES as readonly string[]).includes(role)) {
    process.stderr.write(`usage: npm run token -- <${ROLES.join('|')}> <subject> [ttl, default 8h]\n`);
    process.exit(2);
  }
  const claims = { sub: subject, role: role as Role, ...(role === 'shopper' ? { shopperId: subject } : {}), ...(role === 'agent' || role === 'supervisor' ? { agentId: subject } : {}) };
  process.stdout.write(`${await mintToken(claims, process.env.JWT_SECRET ?? DEV_JWT_SECRET, ttl)}\n`);
}

void main();
