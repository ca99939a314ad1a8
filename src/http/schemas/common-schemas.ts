// TypeBox pieces shared by the response-process routes (auth, incidents, warnings, contacts, drills,
// audit, users): error bodies, ids, localized names, open JSON.
import { Type, type TSchema } from '@sinclair/typebox';

export const strict = { additionalProperties: false } as const;
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Errors of these routes: the message, the status, and for an incomplete form the list of problems. */
export const Problem = Type.Object({
  error: Type.String(),
  statusCode: Type.Integer(),
  problems: Type.Optional(Type.Array(Type.String())),
}, { ...strict, description: 'what went wrong (problems: every missing or invalid part of a form)' });

/** The usual error answers of a scoped route. */
export const SCOPED_ERRORS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem } as const;
export const COMMAND_ERRORS = { ...SCOPED_ERRORS, 409: Problem, 503: Problem } as const;

export const AnyJson = Type.Unknown({ description: 'JSON as stored' });
export const OpenObject = Type.Object({}, { additionalProperties: true, description: 'JSON object as stored' });

export const Localized = Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }, strict);

/** Ids of incidents, drills, warnings, users: printable, no slashes, bounded. */
export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }) }, strict);
export const OrgParam = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' }) }, strict);

export const Province = Type.String({ pattern: '^[A-Z]{2}$', description: 'two-letter province code' });
export const Text = (maxLength = 10_000, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

/** No line breaks (CR, LF, NEL, U+2028/9) nor other control characters: a field that ends up in one line of a message. */
export const ONE_LINE_PATTERN = '^[^\\u0000-\\u001f\\u007f\\u0085\\u2028\\u2029]*$';
/** Text for one line (an incident title, a name, a reason quoted in an email): a line break answers 400 naming the field. */
export const OneLine = (maxLength = 300, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: ONE_LINE_PATTERN, ...(description ? { description } : {}) });

export const Ok = Type.Object({ ok: Type.Literal(true) }, strict);
export const NoBody = Type.Object({}, strict);
