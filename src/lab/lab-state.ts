// What a running lab leaves in its folder: lab.json (layout, port, control socket), lab.pid (the
// daemon), unbound.pid (Unbound's own pid file). Small file helpers shared by the CLI and the daemon.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LabServicesState } from './lab-services.ts';

export interface LabNodeState {
  key: string;
  address: string;
  port: number;
  role: 'authoritative' | 'resolver';
  zones: string[];
}

export interface LabState {
  dir: string;
  port: number;
  controlSocket: string;
  configFile: string;
  /** 'unbound' when a real Unbound is the resolver, 'forwarder' for the built-in stand-in. */
  resolver: 'unbound' | 'forwarder';
  nodes: LabNodeState[];
  startedAt: string;
  /** The lab mail sink: its SMTP port on 127.0.0.1 and the mailbox folder (labs started before it existed have neither). */
  smtpPort?: number;
  mailDir?: string;
  /** The TLD's EPP, WHOIS and RDAP servers (lab-services.ts; labs started before them have none). */
  services?: LabServicesState;
  pid?: number;
}

const labJsonPath = (dir: string): string => path.join(dir, 'lab.json');
export const labPidPath = (dir: string): string => path.join(dir, 'lab.pid');
export const unboundPidPath = (dir: string): string => path.join(dir, 'unbound.pid');
export const daemonLogPath = (dir: string): string => path.join(dir, 'lab-daemon.log');
export const mailDirPath = (dir: string): string => path.join(dir, 'mail');
/** The SMTP port the lab's mail sink tries first. */
export const LAB_SMTP_PORT = 2525;

/** <dir>/control.sock, or a short path in the temp folder when that would exceed the socket path limit. */
export function controlSocketPath(dir: string): string {
  const inDir = path.join(dir, 'control.sock');
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(tmpdir(), `dnswarden-lab-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.sock`);
}

export function readLabState(dir: string): LabState | undefined {
  try { return JSON.parse(readFileSync(labJsonPath(dir), 'utf8')) as LabState; } catch { return undefined; }
}

export function writeLabState(state: LabState): void {
  writeFileSync(labJsonPath(state.dir), `${JSON.stringify(state, null, 2)}\n`);
}

export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try { process.kill(pid, 0); } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
  // A zombie (exited, not yet reaped — common under a container's PID 1) is not running.
  try { return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
}

/** The daemon's pid when the lab in `dir` is running. */
export function runningDaemon(dir: string): number | undefined {
  const pid = readPid(labPidPath(dir));
  return isAlive(pid) ? pid : undefined;
}

export function removeQuietly(...files: string[]): void {
  for (const f of files) rmSync(f, { force: true });
}
