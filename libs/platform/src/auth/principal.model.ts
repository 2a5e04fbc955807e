export const ROLES = ['shopper', 'agent', 'supervisor', 'service'] as const;
export type Role = (typeof ROLES)[number];

// Who is calling, taken from a verified JWT. For a shopper, shopperId is always set
// (the token's shopperId claim, else its subject).
export interface Principal {
  sub: string;
  role: Role;
  shopperId?: string;
  agentId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
