// The one password policy of the platform, used by the API (POST /users, password changes) and by
// `dnswarden users add|passwd`: at least 12 characters, at least 5 different ones, not containing the
// username. Each broken rule is stated in its own message (English; the console translates).

export const MIN_PASSWORD_LENGTH = 12;
const MIN_DISTINCT_CHARACTERS = 5;

/** What is wrong with a new password (empty: acceptable). Lengths count characters, not bytes. */
export function passwordProblems(password: string, username: string): string[] {
  const out: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) out.push(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) out.push(`the password must contain at least ${MIN_DISTINCT_CHARACTERS} different characters`);
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) out.push('the password must not contain the username');
  return out;
}
