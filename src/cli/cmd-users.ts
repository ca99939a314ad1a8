// `dnswarden users add|list|disable|enable|passwd`: manages the console's users from the command
// line (the first admin, or recovery when nobody can sign in). Every change goes to the audit log.
import { userInfo } from 'node:os';
import { hashPassword } from '../auth/passwords.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import { readAuditKey } from '../store/audit-key.ts';
import { revokeApiTokens } from '../auth/credentials.ts';
import { newPassword } from '../auth/tokens.ts';
import { USER_ROLES, type UserRole } from '../core/access/access-types.ts';
import { openStore } from '../store/open-store.ts';
import type { Store, User } from '../store/store.ts';
import { parseArgs, UsageError } from './args.ts';
import { configForStore } from './cmd-audit.ts';

export const help = `usage: dnswarden users add --config <config.yaml> [--data <dir>] --org <org> --username <name>
                         [--role <role>]... [--name <display name>] [--password-stdin] [--json]
       dnswarden users list --config <config.yaml> [--data <dir>] [--org <org>] [--json]
       dnswarden users disable|enable --config <config.yaml> [--data <dir>] --username <name>
       dnswarden users passwd --config <config.yaml> [--data <dir>] --username <name> [--password-stdin]

add       creates a user of an organisation of the configuration. Roles: ${USER_ROLES.join(', ')}
          (repeat --role for several; default viewer). With --password-stdin the password is read
          from standard input (one line: at least 12 characters, 5 different ones, not containing the
          username — the same policy as the API); otherwise a random one is printed once.
list      users with their organisation, roles and state (never password hashes)
disable   stops a user from signing in (sessions and API tokens stop working too); enable undoes it
passwd    sets a new password (stdin or random, as for add; a random one must be changed at the next
          sign-in); the user's API tokens are revoked

  -c, --config <file>   the configuration: its organisations, and database.url
  --data <dir>          folder of the embedded database (default ./data); unused when database.url is set

Exit status: 0 done; 1 refused (username taken, unknown user) or database error; 2 usage or invalid configuration.
`;

const SPECS = {
  config: { type: 'string', short: 'c' }, data: { type: 'string' }, json: { type: 'boolean' },
  org: { type: 'string' }, username: { type: 'string', short: 'u' }, role: { type: 'string', multiple: true },
  name: { type: 'string' }, 'password-stdin': { type: 'boolean' },
} as const;
const SUBCOMMANDS = ['add', 'list', 'disable', 'enable', 'passwd'];
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,62}$/;

type Options = ReturnType<typeof parseArgs<typeof SPECS>>['options'];

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPECS);
  const [sub, ...extra] = positionals;
  if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(sub ? `unknown subcommand '${sub}' (${SUBCOMMANDS.join(', ')})` : `missing subcommand: ${SUBCOMMANDS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if (sub !== 'list' && !options.username) throw new UsageError("missing '--username <name>'");
  if (options.username !== undefined && !USERNAME.test(options.username)) {
    throw new UsageError(`'--username' must be lower-case letters, digits, . _ @ - (got '${options.username}')`);
  }
  const roles = rolesOf(options.role);

  const config = await configForStore(options.config, 'users');
  if (!config) return 2;
  if (options.org !== undefined && !config.organizations.some((o) => o.id === options.org)) {
    throw new UsageError(`'--org ${options.org}' is not an organisation of ${options.config}`);
  }
  const store = await openStore({ url: config.database.url, dataDir: options.data ?? './data', auditKey: readAuditKey(config.audit) });
  try {
    if (sub === 'list') return await list(store, options);
    if (sub === 'add') return await add(store, options, roles);
    if (sub === 'passwd') return await passwd(store, options);
    return await setDisabled(store, options, sub === 'disable');
  } finally {
    await store.close();
  }
}

function rolesOf(given: string[]): UserRole[] {
  for (const r of given) {
    if (!(USER_ROLES as readonly string[]).includes(r)) throw new UsageError(`unknown role '${r}' (${USER_ROLES.join(', ')})`);
  }
  return given.length === 0 ? ['viewer'] : [...new Set(given)] as UserRole[];
}

const actor = (): string => `cli:${userInfo().username}`;
const now = (): string => new Date().toISOString();
const publicUser = ({ passwordHash: _hash, ...rest }: User) => rest;

/** The password from stdin (first line) or a random one that the caller prints. */
async function password(fromStdin: boolean, username: string): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: newPassword(), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  // The platform's one password policy (the API applies the same).
  const problems = passwordProblems(text, username);
  if (problems.length > 0) throw new UsageError(`the password from stdin is too weak: ${problems.join('; ')}`);
  return { password: text, generated: false };
}

async function add(store: Store, options: Options, roles: UserRole[]): Promise<number> {
  if (!options.org) throw new UsageError("missing '--org <org>'");
  const username = options.username!;
  if (await store.getUserByUsername(username)) {
    process.stderr.write(`dnswarden users: username '${username}' is taken\n`);
    return 1;
  }
  const pw = await password(options['password-stdin'], username);
  const user = await store.createUser({
    org: options.org, username, displayName: options.name ?? null, passwordHash: await hashPassword(pw.password), roles, createdAt: now(),
  });
  await store.appendAudit({ at: user.createdAt, actor: actor(), action: 'user.create', org: user.org, target: username, detail: { roles, via: 'cli' } });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ user: publicUser(user), ...(pw.generated ? { password: pw.password } : {}) })}\n`);
  } else {
    process.stdout.write(`created user ${username} (${user.org}; ${roles.join(', ')})\n`);
    if (pw.generated) process.stdout.write(`password: ${pw.password}\n(shown once: keep it safe, or set one with 'dnswarden users passwd')\n`);
  }
  return 0;
}

async function list(store: Store, options: Options): Promise<number> {
  const users = await store.listUsers(options.org);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(users.map(publicUser), null, 2)}\n`);
    return 0;
  }
  const rows = users.map((u) => `${u.org}\t${u.username}\t${u.roles.join(',') || '-'}\t${u.disabled ? 'disabled' : 'enabled'}\t${u.displayName ?? ''}\n`);
  process.stdout.write(rows.join(''));
  return 0;
}

async function existing(store: Store, username: string): Promise<User | null> {
  const user = await store.getUserByUsername(username);
  if (!user) process.stderr.write(`dnswarden users: no user '${username}'\n`);
  return user;
}

async function passwd(store: Store, options: Options): Promise<number> {
  const user = await existing(store, options.username!);
  if (!user) return 1;
  const pw = await password(options['password-stdin'], user.username);
  const at = now();
  // A generated password was seen on this terminal: it must be changed at the next sign-in. API tokens end.
  await store.updateUser(user.id, { passwordHash: await hashPassword(pw.password), mustChangePassword: pw.generated, updatedAt: at });
  const tokensRevoked = await revokeApiTokens(store, user.id, at);
  await store.appendAudit({ at, actor: actor(), action: 'user.password', org: user.org, target: user.username, detail: { via: 'cli', tokensRevoked } });
  process.stdout.write(`password of ${user.username} changed\n`);
  if (pw.generated) process.stdout.write(`password: ${pw.password}\n`);
  return 0;
}

async function setDisabled(store: Store, options: Options, disabled: boolean): Promise<number> {
  const user = await existing(store, options.username!);
  if (!user) return 1;
  const at = now();
  await store.updateUser(user.id, { disabled, updatedAt: at });
  const tokensRevoked = disabled ? await revokeApiTokens(store, user.id, at) : 0;
  await store.appendAudit({ at, actor: actor(), action: disabled ? 'user.disable' : 'user.enable', org: user.org, target: user.username, detail: { via: 'cli', tokensRevoked } });
  process.stdout.write(`${user.username} ${disabled ? 'disabled' : 'enabled'}\n`);
  return 0;
}
