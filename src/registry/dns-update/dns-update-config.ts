// The `registry.connector` block of kind dns-update (docs/configuration.md, `registry`): the zone's
// primary and the TSIG key its UPDATE messages are signed with.
import { Type, type Static } from '@sinclair/typebox';
import { TSIG_ALGORITHMS } from './tsig.ts';

const strict = { additionalProperties: false } as const;

export const DnsUpdateConnectorConfig = Type.Object({
  kind: Type.Literal('dns-update'),
  primary: Type.Object({
    address: Type.String({ minLength: 1, description: "the zone's primary (IPv4 or IPv6 address)" }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  }, strict),
  tsig: Type.Object({
    name: Type.String({ minLength: 1, description: 'the key name, as the primary knows it' }),
    algorithm: Type.Union(TSIG_ALGORITHMS.map((a) => Type.Literal(a))),
    secret: Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', minLength: 16, description: 'the shared secret, base64' }),
  }, strict),
  /** Octets of updates per UPDATE message (default 60,000; TCP allows 65,535 with the header and TSIG). */
  maxMessageBytes: Type.Optional(Type.Integer({ minimum: 512, maximum: 65000 })),
  timeout: Type.Optional(Type.String({ pattern: '^[0-9]+(ms|s)$', description: 'per query and per UPDATE (default 10s)' })),
}, strict);

export type DnsUpdateConnectorInput = Static<typeof DnsUpdateConnectorConfig>;
