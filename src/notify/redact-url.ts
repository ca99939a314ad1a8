// A URL fit for logs and error messages: webhook URLs often carry their secret in the userinfo, the
// query or the path (…/services/T0/B0/XXXX), so only the scheme, host and port are kept.
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const rest = u.pathname.length > 1 || u.search || u.hash ? '/…' : '';
    return `${u.protocol}//${u.host}${rest}`;
  } catch {
    return '[unparsable URL]';
  }
}
