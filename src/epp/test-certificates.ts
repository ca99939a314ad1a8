// Certificates for the EPP test server and its clients (tests and the lab): a throw-away CA, a server
// certificate for 127.0.0.1 / localhost and a client certificate, made with the openssl command into
// a folder. Test material only — fresh keys per call, never for production.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  dir: string;
  /** File paths (PEM). */
  files: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string;
}

const openssl = (args: string[], cwd: string): void => { execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] }); };
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Writes ca.pem, server.pem/server.key (SAN 127.0.0.1, localhost) and client.pem/client.key (CN = clientCn) into `dir`. */
export function makeTestCertificates(dir: string, clientCn = 'dnswarden-probe'): TestCertificates {
  openssl(['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=dnswarden test CA'], dir);
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn] of [['server', 'localhost'], ['client', clientCn]] as const) {
    openssl(['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`,
      '-days', '3650', '-extfile', `${name}.ext`], dir);
  }
  const files = {
    ca: path.join(dir, 'ca.pem'), serverCert: path.join(dir, 'server.pem'), serverKey: path.join(dir, 'server.key'),
    clientCert: path.join(dir, 'client.pem'), clientKey: path.join(dir, 'client.key'),
  };
  const read = (f: string) => readFileSync(f, 'utf8');
  return { dir, files, ca: read(files.ca), serverCert: read(files.serverCert), serverKey: read(files.serverKey), clientCert: read(files.clientCert), clientKey: read(files.clientKey) };
}
