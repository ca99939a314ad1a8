// The shared contract every Store backend must pass (node:test). Each test gets a fresh,
// migrated, empty store from makeStore() and cleans it up afterwards.
import { describe } from 'node:test';
import { auditContract } from './contract/audit.contract.ts';
import type { MakeStore } from './contract/fixtures.ts';
import { findingContract } from './contract/finding.contract.ts';
import { delegationContract } from './contract/delegation.contract.ts';
import { identityContract } from './contract/identity.contract.ts';
import { incidentContract } from './contract/incident.contract.ts';
import { lifecycleContract } from './contract/lifecycle.contract.ts';
import { namesContract } from './contract/names.contract.ts';
import { measuredTimeContract } from './contract/measured-time.contract.ts';
import { measurementContract } from './contract/measurement.contract.ts';
import { outageContract } from './contract/outage.contract.ts';
import { outboxContract } from './contract/outbox.contract.ts';
import { recordsContract } from './contract/records.contract.ts';
import { retentionContract } from './contract/retention.contract.ts';
import { threatContract } from './contract/threat.contract.ts';

export type { MakeStore, StoreHandle } from './contract/fixtures.ts';

export function runStoreContract(name: string, makeStore: MakeStore, opts: { skip?: string | false } = {}): void {
  describe(`Store contract: ${name}`, { skip: opts.skip ?? false }, () => {
    describe('measurements', () => measurementContract(makeStore));
    describe('measurement retention', () => retentionContract(makeStore));
    describe('outages', () => outageContract(makeStore));
    describe('measured time: outage minutes, gaps', () => measuredTimeContract(makeStore));
    describe('incidents and timeline', () => incidentContract(makeStore));
    describe('notification outbox', () => outboxContract(makeStore));
    describe('audit log', () => auditContract(makeStore));
    describe('users, sessions, API tokens', () => identityContract(makeStore));
    describe('contacts, contact drills, warnings, drills', () => recordsContract(makeStore));
    describe('findings', () => findingContract(makeStore));
    describe('delegations', () => delegationContract(makeStore));
    describe('threat reports and cases', () => threatContract(makeStore));
    describe('names: states and history', () => namesContract(makeStore));
    describe('lifecycle', () => lifecycleContract(makeStore));
  });
}
