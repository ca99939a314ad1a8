// Whether this browser may hold a console session: set after a sign-in, cleared by signing out or
// by a 401. The session cookie itself is HttpOnly (the page cannot see it), so without this hint the
// console would ask GET /me on every load before sign-in and the browser would log the 401.
const KEY = 'dw.signedIn';

export const mayHaveSession = (): boolean => localStorage.getItem(KEY) === '1';

export function setSessionHint(on: boolean): void {
  if (on) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}
