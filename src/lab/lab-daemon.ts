// The lab daemon: the background process `dnswarden lab up` starts. It hosts every built-in server
// node (one auth server per node address, same port), runs the resolver (real Unbound, or the
// built-in forwarder) and answers the control channel until SIGTERM/SIGINT or a 'shutdown' request.
//   usage: node src/lab/lab-daemon.ts <lab-dir>     (reads <lab-dir>/lab.json, written by `lab up`)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:net';
import { startAuthServer, type AuthServer } from '../authserver/auth-server.ts';
import { parseZoneFile } from '../zone/zonefile.ts';
import type { Zone } from '../zone/zone-types.ts';
import { startForwarder, type Forwarder } from './builtin-forwarder.ts';
import { startControlServer, type ControlRequest, type ControlResponse, type NodeStatus } from './lab-control.ts';
import type { NodeFaults } from './lab-faults.ts';
import { unboundLocalData, type Hijacks } from './resolver-hijack.ts';
import { labPidPath, readLabState, removeQuietly, unboundPidPath, writeLabState, type LabNodeState, type LabState } from './lab-state.ts';
import { LAB_ZONE_FILES } from './lab-topology.ts';
import { startUnbound, type UnboundProcess } from './unbound.ts';
import { startMailSink, type MailSink } from './lab-mail-sink.ts';
import { isLabService, LAB_SERVICE_NAMES, LabServices } from './lab-services.ts';
import { isUnder } from '../core/dns-names.ts';
import { applyDelegate, delegatedZone } from './lab-delegate.ts';
import { dnssecFaultZone, expiredZoneFile, SIGNED_ZONE, type DnssecFault } from './lab-dnssec.ts';

const log = (text: string): void => { process.stdout.write(`${new Date().toISOString()} ${text}\n`); };

class LabDaemon {
  readonly state: LabState;
  readonly auth = new Map<string, AuthServer>();
  unbound?: UnboundProcess;
  forwarder?: Forwarder;
  control?: Server;
  mail?: MailSink;
  /** The TLD's EPP, WHOIS and RDAP servers (lab-services.ts). */
  services?: LabServices;
  closing = false;
  /** The resolver's hijack fault: name → forged address (resolver-hijack.ts). */
  readonly hijacks: Hijacks = {};
  /** The delegate fault (lab-delegate.ts): each parent node's zones as loaded, and the delegations it serves instead. */
  readonly zonesOf = new Map<string, Zone[]>();
  readonly delegated = new Map<string, Record<string, string[]>>();
  /** The signed zone's faults per node (lab-dnssec.ts), applied after the delegations. */
  readonly dnssecFaults = new Map<string, DnssecFault>();

  /** The zones a node serves: as loaded, with its delegations and its DNSSEC fault. */
  servedZones(key: string): Zone[] {
    const delegations = this.delegated.get(key) ?? {};
    const fault = this.dnssecFaults.get(key);
    const expired = () => parseZoneFile(readFileSync(expiredZoneFile(this.state.dir), 'utf8'), { origin: SIGNED_ZONE, file: expiredZoneFile(this.state.dir) });
    return (this.zonesOf.get(key) ?? []).map((z) => dnssecFaultZone(delegatedZone(z, delegations), fault, expired));
  }

  constructor(state: LabState) {
    this.state = state;
  }

  get resolverNode(): LabNodeState {
    return this.state.nodes.find((n) => n.role === 'resolver')!;
  }

  async start(): Promise<void> {
    const zones = loadZones(this.state.dir);
    for (const node of this.state.nodes.filter((n) => n.role === 'authoritative')) {
      const served = node.zones.map((origin) => zones.get(origin)!);
      this.zonesOf.set(node.key, served);
      this.auth.set(node.key, await startAuthServer({ zones: served, address: node.address, port: node.port, nodeId: node.key }));
      log(`${node.key} listening on ${node.address}:${node.port} (${node.zones.join(' ')})`);
    }
    await this.startResolver();
    if (this.state.smtpPort !== undefined && this.state.mailDir) {
      const dir = this.state.mailDir;
      // Another lab may have taken the port since `lab up` chose it: then any free port, told through lab.json.
      this.mail = await startMailSink({ dir, port: this.state.smtpPort, onMessage: log }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        return startMailSink({ dir, port: 0, onMessage: log });
      });
      if (this.mail.port !== this.state.smtpPort) {
        this.state.smtpPort = this.mail.port;
        const current = readLabState(this.state.dir);
        if (current) writeLabState({ ...current, smtpPort: this.mail.port });
      }
      log(`mail sink on 127.0.0.1:${this.mail.port} storing into ${dir}`);
    }
    if (this.state.services) this.services = await LabServices.start(this.state.services, log);
    this.control = await startControlServer(this.state.controlSocket, (req) => this.handle(req));
    log(`control channel on ${this.state.controlSocket}`);
  }

  async startResolver(): Promise<void> {
    const r = this.resolverNode;
    const byZone = new Map<string, string[]>();
    for (const n of this.state.nodes) for (const z of n.zones) byZone.set(z, [...(byZone.get(z) ?? []), `${n.address}@${n.port}`]);
    if (this.state.resolver === 'unbound') {
      this.unbound = await startUnbound({ dir: this.state.dir, address: r.address, port: r.port, stubs: Object.fromEntries(byZone), localData: unboundLocalData(this.hijacks) });
      log(`unbound (pid ${this.unbound.pid}) on ${r.address}:${r.port}`);
      return;
    }
    const zonesLongestFirst = [...byZone.keys()].sort((a, b) => b.length - a.length);
    this.forwarder = await startForwarder({
      address: r.address, port: r.port,
      upstreamFor: (qname) => {
        const zone = zonesLongestFirst.find((z) => isUnder(qname, z));
        const node = zone ? this.state.nodes.find((n) => n.zones.includes(zone)) : undefined;
        return node ? { address: node.address, port: node.port } : undefined;
      },
    });
    this.forwarder.hijacks = this.hijacks;
    log(`built-in forwarder (unbound not installed) on ${r.address}:${r.port}`);
  }

  status(key: string): NodeStatus {
    const node = this.state.nodes.find((n) => n.key === key);
    if (!node) throw new Error(`no lab node '${key}'`);
    const base = { key, address: node.address, port: node.port, role: node.role };
    if (node.role === 'authoritative') {
      const own = this.auth.get(key)!.getFaults() as NodeFaults;
      const delegate = this.delegated.get(key);
      const withDelegate = delegate && Object.keys(delegate).length > 0 ? { ...own, delegate } : own;
      const dnssec = this.dnssecFaults.get(key);
      const faults = dnssec ? { ...withDelegate, dnssec } : withDelegate;
      return { ...base, server: 'builtin', faults, running: !faults.stopped };
    }
    if (this.state.resolver === 'unbound') {
      const running = this.unbound !== undefined && !this.unbound.exited;
      return { ...base, server: 'unbound', faults: { ...(running ? {} : { stopped: true }), ...this.#hijackFaults() }, running };
    }
    const stopped = this.forwarder?.stopped ?? true;
    return { ...base, server: 'forwarder', faults: { ...(stopped ? { stopped: true } : {}), ...this.#hijackFaults() }, running: !stopped };
  }

  #hijackFaults(): NodeFaults {
    return Object.keys(this.hijacks).length > 0 ? { hijack: { ...this.hijacks } } : {};
  }

  /** Applies a hijack change (or clears them all); Unbound is restarted with the new local-data. */
  async hijack(change: Hijacks | null): Promise<void> {
    if (change === null) for (const n of Object.keys(this.hijacks)) delete this.hijacks[n];
    else for (const [n, addr] of Object.entries(change)) { if (addr) this.hijacks[n] = addr; else delete this.hijacks[n]; }
    if (this.unbound && !this.unbound.exited) { await this.unbound.stop(); await this.startResolver(); }
  }

  async handle(req: ControlRequest): Promise<ControlResponse> {
    switch (req.op) {
      case 'status':
        return { ok: true, nodes: this.state.nodes.map((n) => this.status(n.key)), ...(this.services ? { services: LAB_SERVICE_NAMES.map((n) => this.services!.status(n)) } : {}) };
      case 'shutdown':
        setTimeout(() => void this.stop(0), 10);
        return { ok: true };
      case 'fault':
        return this.fault(req.node, req.kind, req.set);
      default:
        return { ok: false, error: `unknown request '${(req as { op?: string }).op}'` };
    }
  }

  async fault(key: string, kind: string, set: NodeFaults): Promise<ControlResponse> {
    if (this.services && isLabService(key)) {
      const node = await this.services.fault(key, set);
      log(`fault ${key}: ${kind} ${JSON.stringify(set)}`);
      return { ok: true, node };
    }
    const server = this.auth.get(key);
    if (server && kind === 'hijack') return { ok: false, error: `'hijack' is a fault of the resolver (got the authoritative node '${key}')` };
    if (server && (set.delegate || set.dnssec !== undefined || kind === 'clear')) {
      // the delegate and DNSSEC faults rewrite the zones the node serves; 'clear' serves the zone files' again
      const now = kind === 'clear' ? {} : applyDelegate(this.delegated.get(key) ?? {}, set.delegate ?? {});
      this.delegated.set(key, now);
      if (kind === 'clear' || set.dnssec === null) this.dnssecFaults.delete(key);
      else if (set.dnssec) this.dnssecFaults.set(key, set.dnssec);
      try {
        server.setZones(this.servedZones(key));
      } catch (err) {
        return { ok: false, error: `${kind}: ${(err as Error).message} (is the lab signed? ldns-signzone at 'lab up')` };
      }
      if (set.dnssec !== undefined) {
        log(`fault ${key}: ${kind} ${set.dnssec ?? 'off'}`);
        return { ok: true, node: this.status(key) };
      }
      if (set.delegate) {
        log(`fault ${key}: delegate ${JSON.stringify(set.delegate)}`);
        return { ok: true, node: this.status(key) };
      }
    }
    if (server) {
      server.setFaults({ ...(server.getFaults() as NodeFaults), ...set });
      const tampered = server.tamperedRecords();
      log(`fault ${key}: ${kind} ${JSON.stringify(set)} (tampered records: ${tampered.length})`);
      return { ok: true, node: this.status(key), tampered: tampered.length, tamperedRecords: tampered };
    }
    if (key !== this.resolverNode.key) return { ok: false, error: `no lab node '${key}'` };
    if (kind === 'hijack') {
      await this.hijack(set.hijack ?? {});
      log(`fault ${key}: hijack ${JSON.stringify(set.hijack)}`);
      return { ok: true, node: this.status(key) };
    }
    if (kind !== 'stop' && kind !== 'start' && kind !== 'clear') {
      return { ok: false, error: `the resolver takes only 'stop', 'start', 'hijack' and 'clear' (got '${kind}')` };
    }
    if (kind === 'clear' && Object.keys(this.hijacks).length > 0) await this.hijack(null);
    const stop = kind === 'stop';
    if (this.forwarder) this.forwarder.stopped = stop;
    else if (stop) await this.unbound?.stop();
    else if (!this.unbound || this.unbound.exited) await this.startResolver();
    log(`fault ${key}: ${kind}`);
    return { ok: true, node: this.status(key) };
  }

  async stop(code: number): Promise<never> {
    if (!this.closing) {
      this.closing = true;
      log('stopping');
      this.control?.close();
      await Promise.allSettled([...this.auth.values()].map((s) => s.close()));
      await this.unbound?.stop().catch(() => {});
      await this.forwarder?.close().catch(() => {});
      await this.mail?.close().catch(() => {});
      await this.services?.close().catch(() => {});
      removeQuietly(this.state.controlSocket, labPidPath(this.state.dir), unboundPidPath(this.state.dir));
      log('stopped');
    }
    process.exit(code);
  }
}

function loadZones(dir: string): Map<string, Zone> {
  const zones = new Map<string, Zone>();
  for (const { origin, file } of LAB_ZONE_FILES) {
    const full = path.join(dir, 'zones', file);
    zones.set(origin, parseZoneFile(readFileSync(full, 'utf8'), { origin, file: full }));
  }
  return zones;
}

async function main(argv: string[]): Promise<void> {
  const dir = argv[0];
  const state = dir ? readLabState(path.resolve(dir)) : undefined;
  if (!state) { log(`usage: lab-daemon.ts <lab-dir> (no readable lab.json in '${dir ?? ''}')`); process.exit(2); }
  const daemon = new LabDaemon(state);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void daemon.stop(0));
  try {
    await daemon.start();
    log('lab ready');
  } catch (err) {
    log(`cannot start the lab: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    await daemon.stop(1);
  }
}

if (import.meta.main) await main(process.argv.slice(2));
