// The name helpers live in the pure core (src/core/dns-names.ts), which the delegations core uses too.
// This re-export only keeps src/probe/delegation (in progress) building; import the core module directly.
export { fqdn, isUnder, parentName } from '../core/dns-names.ts';
