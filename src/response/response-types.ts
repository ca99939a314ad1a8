// Types shared by the incident service's parts: who acts, what the service needs, what it emits,
// and the errors a command fails with (the HTTP layer maps `code` to a status).
import type { ResolvedConfig } from '../config/config-types.ts';
import type { AuditInput, Incident, Store } from '../store/store.ts';
import type { Ruleset } from '../core/rules/ruleset-schema.ts';
import type { IncidentDetail } from '../core/incidents/incident-model.ts';
import type { Phase } from '../core/incidents/incident-process.ts';
import type { Grade } from '../core/grades.ts';
import type { NotifyEvent } from '../notify/templates.ts';

/** A signed-in person. Their organisation's role and province are read from the configuration. */
export interface Actor { id: string; org: string }

export type ResponseAction =
  | 'incident.confirm-grade' | 'incident.change-phase' | 'incident.file-information-report'
  | 'incident.file-closing-report' | 'incident.close' | 'incident.record-directive'
  | 'incident.plan-measure' | 'incident.execute-measure' | 'incident.reassign' | 'incident.open-manual';

/** null = allowed; otherwise the reason it is not (injected: the access core decides). */
export type Authorize = (actor: Actor, action: ResponseAction, incident: Pick<Incident, 'id' | 'systemId' | 'org' | 'drill'> & { detail?: Record<string, unknown> }) => string | null;

/** One organisation addressed by a notification, and why. */
export interface NotifyTarget { org: string; as: 'affected' | 'commander' }

/**
 * What the service asks to be sent. `key` is stable for the same happening (incident + event +
 * repeat), so a notifier that de-duplicates on it makes a replay after a crash harmless.
 */
export interface ResponseNotification {
  event: Exclude<NotifyEvent, 'contact-drill'>;
  key: string;
  at: string;
  incident: Incident;
  to: NotifyTarget[];
  context?: {
    previousGrade?: Grade | null; reason?: string; resolvedAt?: string; minutesBefore?: number; due?: string;
    measure?: { id: string; name?: { zh: string; en: string }; province?: string; requestedBy?: string };
  };
}

export interface ResponseDeps {
  store: Store;
  ruleset: Ruleset;
  config: ResolvedConfig;
  now: () => Date;
  notify: (n: ResponseNotification) => Promise<void>;
  authorize: Authorize;
  /** Defaults to store.appendAudit. */
  audit?: (entry: AuditInput) => Promise<unknown>;
  /** Attempts of a read-modify-write under the version check (default 5). */
  maxAttempts?: number;
}

/**
 * What this service keeps in the store's incident `detail`: IncidentDetail plus a few fields of
 * its own (all optional, so readers of IncidentDetail are unaffected).
 */
export interface ResponseDetail extends IncidentDetail {
  /** Set once the 'opened' timeline entry and notifications are done (crash recovery replays until then). */
  announcedAt?: string;
  /** The phase before measurements came back clean moved it to recovery (restored on relapse). */
  phaseBeforeRecovery?: Phase;
  /** 'on-time' | 'late' against deadlines.writtenReportDue when the information report was filed. */
  reportTimeliness?: 'on-time' | 'late';
  description?: string;
  drillInfo?: { id: string; name: string; startedAt: string };
}

export type ResponseErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID' | 'CONFLICT' | 'REFUSED';

export class ResponseError extends Error {
  readonly code: ResponseErrorCode;
  readonly problems: string[];
  constructor(code: ResponseErrorCode, message: string, problems: string[] = []) {
    super(message);
    this.name = 'ResponseError';
    this.code = code;
    this.problems = problems;
  }
}

/** The phases in which an incident is still open. */
export const OPEN_PHASES: readonly Phase[] = ['initial-response', 'information-report', 'emergency-handling', 'recovery'];

/** The `by` of gradeHistory entries written from measurements (the tracker is rebuilt from them). */
export const GRADING_BY = 'grading';
