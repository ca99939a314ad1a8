// Every migration, in version order. Append new ones at the end with the next number.
import { measurements } from './001-measurements.ts';
import { outages } from './002-outages.ts';
import { response } from './003-response.ts';
import { access } from './004-access.ts';
import { findings } from './005-findings.ts';
import { hardening } from './006-hardening.ts';
import { measuredTime } from './007-measured-time.ts';
import { threats } from './008-threats.ts';
import { delegations } from './009-delegations.ts';
import { names } from './010-names.ts';
import type { Migration } from './migration.ts';

export const migrations: readonly Migration[] = [measurements, outages, response, access, findings, hardening, measuredTime, threats, delegations, names];
export { pendingMigrations } from './migration.ts';
export type { Migration } from './migration.ts';
