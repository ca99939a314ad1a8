// Hardening (security review): an account can be required to change its password at the next
// sign-in (the first admin, whose password `serve` printed), and an API token records who issued
// it (an admin minting a token for another user), so the audit log can say "on behalf of".
import type { Migration } from './migration.ts';

export const hardening: Migration = {
  version: 6,
  name: 'hardening',
  sqlite: [
    `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE api_tokens ADD COLUMN issued_by TEXT`,
  ],
  postgres: [
    `ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false`,
    `ALTER TABLE api_tokens ADD COLUMN issued_by TEXT`,
  ],
};
