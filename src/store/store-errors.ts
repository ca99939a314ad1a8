// Errors a Store rejects with. Callers branch on the class (or on `code`), never on messages.

export class StoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** The database cannot be reached (PostgreSQL down, connection lost). Keep the data and retry later. */
export class StoreUnavailableError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** An update with a stale version (incident, warning, drill, contact list): re-read, re-apply, retry. */
export class VersionConflictError extends StoreError {
  readonly currentVersion: number;
  /** `what` names the kind of record (default 'incident'): 'warning', 'drill', 'contacts'. */
  constructor(id: string, expected: number, current: number, what = 'incident') {
    super('VERSION_CONFLICT', `${what} ${id}: expected version ${expected}, stored version is ${current}`);
    this.name = 'VersionConflictError';
    this.currentVersion = current;
  }
}

export class NotFoundError extends StoreError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** A row with the same key exists already (e.g. createIncident with a used id). */
export class AlreadyExistsError extends StoreError {
  constructor(what: string) {
    super('ALREADY_EXISTS', `${what} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/** The store was closed; calls after close() reject with this. */
export class StoreClosedError extends StoreError {
  constructor() {
    super('STORE_CLOSED', 'store is closed');
    this.name = 'StoreClosedError';
  }
}
