// What the `dnswarden lab` sub-commands do, as functions (the CLI prints their results; tests call
// them directly): bring the lab up in a folder, take it down, report its status, inject faults.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDnsClient } from '../dns/dns-client.ts';
import { labConfigOptions, labConfigText } from './lab-config.ts';
import { controlRequest, type ControlResponse, type NodeStatus } from './lab-control.ts';
import { FaultUsageError, parseFault } from './lab-faults.ts';
import { delegateNodeKeys } from './lab-delegate.ts';
import { DNSSEC_FAULTS, labSign } from './lab-dnssec.ts';
import {
  controlSocketPath, daemonLogPath, isAlive, LAB_SMTP_PORT, labPidPath, mailDirPath, readLabState, readPid, removeQuietly, runningDaemon,
  unboundPidPath, writeLabState, type LabNodeState, type LabState,
} from './lab-state.ts';
import { FALLBACK_PORT, findLabNode, LAB_NODES, TLD_ADDRESSES } from './lab-topology.ts';
import { writeLabZones } from './lab-zones.ts';
import { freeTcpPort } from './lab-mail-sink.ts';
import { hasMailbox } from './lab-mailbox.ts';
import { findUnbound } from './unbound.ts';
import { isLabService, parseServiceFault, prepareLabServices } from './lab-services.ts';

export const DEFAULT_LAB_DIR = './lab-run';

export interface UpOptions {
  dir?: string;
  port?: number;
  /** 'auto' (default): Unbound when installed, else the built-in forwarder. */
  resolver?: 'auto' | 'unbound' | 'forwarder';
  /** The mail sink's SMTP port on 127.0.0.1 (default 2525, or any free port when 2525 is taken). */
  smtpPort?: number;
  /** How long to wait for every node to answer (default 30 s). */
  readyTimeoutMs?: number;
}

export interface UpResult { state: LabState; alreadyRunning: boolean }

/** True when UDP `port` can be bound on `address` right now (53 needs root). */
export function canBindUdp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => { socket.close(); resolve(false); });
    socket.bind(port, address, () => socket.close(() => resolve(true)));
  });
}

export async function labUp(options: UpOptions = {}): Promise<UpResult> {
  const dir = path.resolve(options.dir ?? DEFAULT_LAB_DIR);
  mkdirSync(dir, { recursive: true });
  const running = runningDaemon(dir);
  const existing = readLabState(dir);
  if (running !== undefined && existing) return { state: { ...existing, pid: running }, alreadyRunning: true };
  if (existing) await labDown(dir); // a crashed lab: stop its leftover Unbound, remove stale files

  const port = options.port ?? ((await canBindUdp(TLD_ADDRESSES[0], 53)) ? 53 : FALLBACK_PORT);
  writeLabZones(dir);
  const signed = labSign(dir, Math.floor(Date.now() / 1000)) !== null; // gov.lab. signed, its DS in lab. (lab-dnssec.ts)
  const configFile = path.join(dir, 'dnswarden.yaml');
  const smtpPort = await freeTcpPort('127.0.0.1', options.smtpPort ?? LAB_SMTP_PORT);
  const mailDir = mailDirPath(dir);
  const token = randomBytes(16).toString('hex');
  const services = await prepareLabServices(dir);
  const writeConfig = (sink: number) => writeFileSync(configFile, labConfigText(labConfigOptions(port, {
    token, smtp: `smtp://127.0.0.1:${sink}`, labMailbox: './mail', services: { ...services, certDir: './epp' }, dnssec: signed })));
  writeConfig(smtpPort);
  const wanted = options.resolver ?? 'auto';
  const resolver = wanted === 'forwarder' || (wanted === 'auto' && !findUnbound()) ? 'forwarder' : 'unbound';
  const nodes: LabNodeState[] = LAB_NODES.map((n) => ({ key: n.key, address: n.address, port, role: n.role, zones: n.zones }));
  const state: LabState = {
    dir, port, controlSocket: controlSocketPath(dir), configFile, resolver, nodes, startedAt: new Date().toISOString(), smtpPort, mailDir, services,
  };
  writeLabState(state);

  const logFd = openSync(daemonLogPath(dir), 'a');
  const daemonScript = new URL('./lab-daemon.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [daemonScript, dir], { detached: true, stdio: ['ignore', logFd, logFd], cwd: dir });
  closeSync(logFd);
  child.unref();
  const pid = child.pid!;
  writeFileSync(labPidPath(dir), `${pid}\n`);
  state.pid = pid;
  writeLabState(state);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      removeQuietly(labPidPath(dir));
      throw new Error(`the lab daemon exited during start-up:\n${logTail(dir)}`);
    }
    const answers = await nodesAnswering(state.nodes, 1000);
    if (answers.every((a) => a.answers) && existsSync(state.controlSocket) && hasMailbox(mailDir)) {
      // The daemon moves the sink to another port when the chosen one was taken meanwhile: follow it.
      const sinkPort = readLabState(dir)?.smtpPort ?? smtpPort;
      if (sinkPort !== smtpPort) {
        state.smtpPort = sinkPort;
        writeConfig(sinkPort);
      }
      return { state, alreadyRunning: false };
    }
    await sleep(200);
  }
  await labDown(dir);
  throw new Error(`the lab did not answer within ${options.readyTimeoutMs ?? 30_000} ms:\n${logTail(dir)}`);
}

function logTail(dir: string): string {
  try { return readFileSync(daemonLogPath(dir), 'utf8').split('\n').slice(-15).join('\n'); } catch { return '(no log)'; }
}

/** Whether each node answers an SOA query (its first zone; `lab.` through the resolver). */
async function nodesAnswering(nodes: LabNodeState[], timeoutMs = 2000): Promise<Array<{ key: string; answers: boolean; rcode?: string }>> {
  const client = createDnsClient({ maxInFlight: 64, udpSockets: 4 });
  try {
    return await Promise.all(nodes.map(async (node) => {
      const resolver = node.role === 'resolver';
      const answer = await client.query({
        address: node.address, port: node.port, name: resolver ? 'lab.' : node.zones[0], type: 'SOA',
        timeoutMs, recursionDesired: resolver,
      });
      const ok = answer.outcome === 'answer' && answer.rcode === 'NOERROR' && answer.answer.some((r) => r.type === 'SOA');
      return { key: node.key, answers: ok, ...(answer.rcode ? { rcode: answer.rcode } : {}) };
    }));
  } finally {
    await client.close();
  }
}

/** Stops the daemon (and with it Unbound); returns false when no lab was running. */
export async function labDown(dirOption = DEFAULT_LAB_DIR): Promise<boolean> {
  const dir = path.resolve(dirOption);
  const pid = runningDaemon(dir);
  const state = readLabState(dir);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, 10_000))) { process.kill(pid, 'SIGKILL'); await waitGone(pid, 3000); }
  }
  // Unbound outlives a daemon killed with SIGKILL: stop it by its own pid file.
  const unboundPid = readPid(unboundPidPath(dir));
  if (isAlive(unboundPid) && isUnbound(unboundPid!)) {
    process.kill(unboundPid!, 'SIGTERM');
    if (!(await waitGone(unboundPid!, 5000))) process.kill(unboundPid!, 'SIGKILL');
  }
  removeQuietly(labPidPath(dir), unboundPidPath(dir), ...(state ? [state.controlSocket] : []));
  return pid !== undefined;
}

function isUnbound(pid: number): boolean {
  try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'unbound'; } catch { return false; }
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

export interface StatusResult {
  dir: string;
  running: boolean;
  state?: LabState;
  nodes: Array<NodeStatus & { answers: boolean }>;
  /** The TLD's EPP/WHOIS/RDAP servers (running = listening; faults as set). */
  services?: NodeStatus[];
}

export async function labStatus(dirOption = DEFAULT_LAB_DIR): Promise<StatusResult> {
  const dir = path.resolve(dirOption);
  const state = readLabState(dir);
  const pid = runningDaemon(dir);
  if (!state || pid === undefined) return { dir, running: false, ...(state ? { state } : {}), nodes: [] };
  const reply = await controlRequest(state.controlSocket, { op: 'status' });
  if (!reply.ok) throw new Error(reply.error);
  const answers = await nodesAnswering(state.nodes, 1500);
  const nodes = (reply.nodes ?? []).map((n) => ({ ...n, answers: answers.find((a) => a.key === n.key)?.answers ?? false }));
  return { dir, running: true, state: { ...state, pid }, nodes, services: reply.services ?? [] };
}

/** Applies a fault; `node` as on the command line ("b", "lab-tld/b", "big-dns-auth/ns1", "resolver"). */
async function labFaultEach(dir: string, keys: string[], change: ReturnType<typeof parseFault>): Promise<ControlResponse & { ok: true }> {
  const state = readLabState(dir);
  if (!state || runningDaemon(dir) === undefined) throw new Error(`no lab is running in ${dir} (start it with 'dnswarden lab up')`);
  let last: (ControlResponse & { ok: true }) | null = null;
  for (const key of keys) {
    const reply = await controlRequest(state.controlSocket, { op: 'fault', node: key, kind: change.kind, set: change.set });
    if (!reply.ok) throw new Error(reply.error);
    last = reply;
  }
  return last!;
}

export async function labFault(dirOption: string, node: string, kind: string, value?: string, seed?: number, extra?: string): Promise<ControlResponse & { ok: true }> {
  const dir = path.resolve(dirOption);
  // a delegate fault may name the parent's system ("lab-tld"): every node of it
  const bySystem = kind.toLowerCase() === 'delegate' || (DNSSEC_FAULTS as readonly string[]).includes(kind.toLowerCase());
  const many = bySystem && !findLabNode(node) ? delegateNodeKeys(node) : [];
  if (many.length > 0) return labFaultEach(dir, many, parseFault(kind, value, seed, extra));
  // the TLD's services (lab-services.ts) take their own fault kinds; the control channel carries them alike
  if (isLabService(node)) return labFaultEach(dir, [node], parseServiceFault(kind.toLowerCase(), value) as ReturnType<typeof parseFault>);
  const target = findLabNode(node);
  if (!target) throw new FaultUsageError(`no lab node '${node}': use a–d (lab-tld), lab-tld/<a-d>, big-dns-auth/ns1, big-dns-auth/ns2, news-dns/ns1, gov-dns/ns1, resolver, epp, whois or rdap`);
  const change = parseFault(kind, value, seed, extra);
  const state = readLabState(dir);
  if (!state || runningDaemon(dir) === undefined) throw new Error(`no lab is running in ${dir} (start it with 'dnswarden lab up')`);
  const reply = await controlRequest(state.controlSocket, { op: 'fault', node: target.key, kind: change.kind, set: change.set });
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}
