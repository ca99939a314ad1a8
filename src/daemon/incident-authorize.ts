// The incident service's `authorize` from the access core: actor → stored user → principalFor →
// decide. The service calls it synchronously, so the users are kept in memory (loaded at start,
// refreshed in the background, and the acting user re-read before each command: see
// LiveIncidentService's beforeCommand). An actor that carries its roles (the HTTP layer builds it from the
// user it has just authenticated) is taken as is: that read is fresher than the cache.
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Action, AccessUser, Resource } from '../core/access/access-types.ts';
import { decide } from '../core/access/permissions.ts';
import { principalFor } from '../core/access/visibility.ts';
import type { Store, User } from '../store/store.ts';
import type { Actor, Authorize, ResponseAction } from '../response/response-types.ts';

/** Which access-core actions admit a response command (any one of them suffices). */
export const COMMAND_ACTIONS: Readonly<Record<ResponseAction, readonly Action[]>> = {
  'incident.confirm-grade': ['incident.confirm-grade'],
  // the commander moves the process on; the affected organisation too, as it reports
  'incident.change-phase': ['incident.confirm-grade', 'incident.report'],
  'incident.file-information-report': ['incident.report'],
  'incident.file-closing-report': ['incident.report'],
  'incident.close': ['incident.confirm-grade'],
  'incident.record-directive': ['incident.directive'],
  'incident.plan-measure': ['measure.execute', 'incident.directive'],
  'incident.execute-measure': ['measure.execute'],
  'incident.reassign': ['incident.reassign'],
  // the office for anyone ('any'), an operator for itself ('own')
  'incident.open-manual': ['incident.confirm-grade', 'incident.report'],
};

/** The users by id, as `authorize` needs them synchronously. */
export class UserDirectory {
  readonly #store: Pick<Store, 'listUsers' | 'getUser'>;
  #byId = new Map<string, User>();
  #refreshing: Promise<void> | null = null;
  constructor(store: Pick<Store, 'listUsers' | 'getUser'>) { this.#store = store; }

  refresh(): Promise<void> {
    this.#refreshing ??= this.#store.listUsers()
      .then((users) => { this.#byId = new Map(users.map((u) => [u.id, u])); })
      .finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  /** Reads one user afresh (before a command: a user created or changed a moment ago counts at once). */
  async load(id: string): Promise<void> {
    const user = await this.#store.getUser(id);
    if (user) this.#byId.set(id, user); else this.#byId.delete(id);
  }

  get(id: string): User | undefined { return this.#byId.get(id); }
  get size(): number { return this.#byId.size; }
}

type ActorWithRoles = Actor & { roles?: readonly string[]; username?: string; disabled?: boolean };

export function createAuthorize(config: Pick<ResolvedConfig, 'organizations' | 'systems'>, users: UserDirectory, onMiss?: () => void): Authorize {
  return (actor, action, incident) => {
    const a = actor as ActorWithRoles;
    const stored = Array.isArray(a.roles) ? undefined : users.get(actor.id);
    if (!stored && !Array.isArray(a.roles)) onMiss?.();
    const user: AccessUser | null = Array.isArray(a.roles)
      ? { id: a.id, username: a.username, org: a.org, roles: a.roles, disabled: a.disabled }
      : stored ? { id: stored.id, username: stored.username, org: stored.org, roles: stored.roles, disabled: stored.disabled } : null;
    if (!user) return `unknown user '${actor.id}'`;
    if (user.org !== actor.org) return `user '${actor.id}' does not belong to '${actor.org}'`;
    const principal = principalFor(user, config.organizations, config.systems);
    if (!principal) return `user '${actor.id}' is disabled or their organisation '${user.org}' is not configured`;
    const d = incident.detail as { commander?: unknown } | undefined;
    const resource: Resource = { kind: 'incident', org: incident.org, commander: (d?.commander ?? null) as Extract<Resource, { kind: 'incident' }>['commander'] };
    const actions = COMMAND_ACTIONS[action];
    const outcomes = actions.map((x) => decide(principal, x, resource));
    if (outcomes.includes('allow')) return null;
    if (outcomes.every((o) => o === 'not-found')) return `incident ${incident.id || ''} is not visible to ${principal.org}`.replace('  ', ' ');
    return `${principal.username ?? actor.id} (${principal.org}, ${principal.roles.join('/') || 'no role'}) may not ${action.replace('incident.', '')}`;
  };
}
