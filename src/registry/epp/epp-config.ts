// The `registry.connector` block of kind epp (docs/configuration.md, `registry`): the registry's EPP
// server (RFC 5734: TLS with a client certificate), the client id and password of the login.
import { Type, type Static } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;

export const EppConnectorConfig = Type.Object({
  kind: Type.Literal('epp'),
  server: Type.Object({
    address: Type.String({ minLength: 1, description: 'EPP server address (IPv4 or IPv6)' }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'default 700 (RFC 5734)' })),
  }, strict),
  tls: Type.Object({
    ca: Type.String({ minLength: 1, description: "PEM file of the CA that signed the server's certificate (relative to the config file)" }),
    cert: Type.String({ minLength: 1, description: 'PEM client certificate file' }),
    key: Type.String({ minLength: 1, description: 'PEM client key file' }),
    serverName: Type.Optional(Type.String({ minLength: 1, description: "name to check the server's certificate against (default: the address)" })),
  }, strict),
  clientId: Type.String({ minLength: 3, maxLength: 16, description: 'EPP clID (RFC 5730: 3–16 characters)' }),
  password: Type.String({ minLength: 6, maxLength: 16, description: 'EPP pw (RFC 5730: 6–16 characters)' }),
  timeout: Type.Optional(Type.String({ pattern: '^[0-9]+(ms|s)$', description: 'per command (default 10s)' })),
}, strict);

export type EppConnectorInput = Static<typeof EppConnectorConfig>;
