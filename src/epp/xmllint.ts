// Schema validation with Debian's xmllint (package libxml2-utils) against the RFC 5730/5731/5732 schemas
// in ./schemas: the EPP test server validates every request with it, and tests validate what the
// client builds and what the server answers. One short-lived process per document, fed on stdin.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EPP_SCHEMA = fileURLToPath(new URL('./schemas/epp-all.xsd', import.meta.url));

export interface SchemaVerdict { valid: boolean; /** xmllint's reasons, one line each ("-:" location prefix removed); '' when valid. */ reason: string }

/** Validates `xml` against `schema` (default: the EPP schemas); never uses the network (--nonet). */
export function validateXml(xml: string, schema = EPP_SCHEMA, timeoutMs = 10_000): Promise<SchemaVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`xmllint did not finish within ${timeoutMs} ms`)); }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { if (stderr.length < 64 * 1024) stderr += chunk; });
    child.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot run xmllint (Debian package libxml2-utils): ${err.message}`)); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ valid: true, reason: '' });
      const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '- fails to validate' && !/^\^$/.test(l));
      // Keep xmllint's own message lines: "-:3: element x: Schemas validity error : ..." or "-:1: parser error : ...".
      const reasons = lines.filter((l) => /^-:\d+:/.test(l)).map((l) => l.replace(/^-:/, 'line '));
      resolve({ valid: false, reason: (reasons.length > 0 ? reasons : lines).join('\n') || `xmllint exit ${code}` });
    });
    child.stdin.on('error', () => {}); // xmllint may exit before reading everything (a parser error)
    child.stdin.end(xml);
  });
}
