// What the whole suite runs, and which files run a second time under far time zones: dates and
// deadlines must not depend on the machine's zone (a day boundary elsewhere must not move them).
// Kiritimati is UTC+14: its date is a day ahead of UTC from 10:00 UTC on; Pago Pago is UTC−11: a day
// behind before 11:00 UTC. So at ANY hour the suite runs, one of the two passes sees a local date that
// differs from the UTC date — code mixing local and UTC days fails whatever the time of day.

export const ALL_TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export const FAR_TIME_ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'];

/** One more run of the same files: in the product's own zone, with the clock 12 h ahead (scripts/clock-shift.ts), so a day run also tests the night. */
export const SHIFTED_CLOCK = { tz: 'Asia/Shanghai', shiftMs: 12 * 3_600_000 };

/** Files that compute, store or show instants, days and deadlines (kept light: no lab, no platform run). */
export const DATE_SENSITIVE = [
  'src/**/*.test.ts',
  'test/response-deadlines.test.ts',
  'test/response-lifecycle.test.ts',
  'test/response-drills.test.ts',
  'test/response-commands.test.ts',
  'test/notify-email.test.ts',
  'test/notify-outbox.test.ts',
  'test/notify-webhook.test.ts',
  'test/http-response.test.ts',
  'test/http-api.test.ts',
  'test/http-users.test.ts',
  'test/grade-table.test.ts',
  'test/cli-grade.test.ts',
  'test/cli-audit.test.ts',
  'test/store-sqlite.test.ts',
  'test/report-pdf.test.ts',
  'test/console-admin-e2e.test.ts',
  'test/console-report-due.test.ts',
  'test/threats-http.test.ts',
  'test/threats-export.test.ts',
  'src/core/names/names.test.ts',
  'test/probe-dnssec.test.ts',
  'test/http-dnssec.test.ts',
];

/** CI is on when $CI is set to anything but "", "0" or "false". */
export function ciMode(env: NodeJS.ProcessEnv): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}
