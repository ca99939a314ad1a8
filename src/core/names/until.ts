// `--until <date|duration>` of a DGA block: an RFC 3339 date/time (a bare date means 00:00 UTC of that
// day) or a duration from now (30m, 12h, 90d, 2w). Pure: `now` is passed in.

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The expiry as an ISO string, or an error message. Must lie after `now`. */
export function parseUntil(text: string, now: Date): { at: string } | { error: string } {
  const t = text.trim();
  const dur = /^([0-9]+)(m|h|d|w)$/.exec(t);
  let at: Date;
  if (dur) at = new Date(now.getTime() + Number(dur[1]) * UNIT_MS[dur[2]]);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) at = new Date(`${t}T00:00:00Z`);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) at = new Date(t);
  else return { error: `'${text}' is neither a date (2027-01-31, 2027-01-31T08:00:00Z) nor a duration (30m, 12h, 90d, 2w)` };
  if (Number.isNaN(at.getTime())) return { error: `'${text}' is not a valid date` };
  if (at.getTime() <= now.getTime()) return { error: `'${text}' is not in the future` };
  return { at: at.toISOString() };
}

/** Whether a block with expiry `until` (ISO or null = no expiry) has expired at `now`. */
export const expired = (until: string | null, now: Date): boolean => until !== null && Date.parse(until) <= now.getTime();
