// The console's first login: when the platform has no users at all, create `admin` in the first
// emergency-office organisation with a random password, which `serve` prints once.
import type { OrganizationConfig } from '../config/config-schema.ts';
import { AlreadyExistsError } from '../store/store-errors.ts';
import type { Store, User } from '../store/store.ts';
import { hashPassword, type ScryptParams } from './passwords.ts';
import { newPassword } from './tokens.ts';

export interface BootstrapOptions {
  /** The organisation of the admin; default: the first emergency-office organisation of `organizations`. */
  org?: string;
  organizations?: readonly OrganizationConfig[];
  username?: string;
  now?: string;
  /** Tests use cheaper parameters. */
  scrypt?: ScryptParams;
}

export type BootstrapResult = { created: false } | { created: true; user: User; username: string; password: string };

export async function ensureBootstrapAdmin(store: Pick<Store, 'listUsers' | 'createUser'>, opts: BootstrapOptions): Promise<BootstrapResult> {
  const org = opts.org ?? opts.organizations?.find((o) => o.role === 'emergency-office')?.id;
  if (!org) throw new Error('no emergency-office organisation in the configuration: cannot create the first admin');
  if ((await store.listUsers()).length > 0) return { created: false };
  const username = opts.username ?? 'admin';
  const password = newPassword();
  try {
    const user = await store.createUser({
      org, username, displayName: 'Administrator', passwordHash: await hashPassword(password, opts.scrypt), roles: ['admin'],
      mustChangePassword: true, createdAt: opts.now ?? new Date().toISOString(),
    });
    return { created: true, user, username, password };
  } catch (err) {
    if (err instanceof AlreadyExistsError) return { created: false }; // another daemon started at the same time
    throw err;
  }
}
