// `dnswarden lab up|down|status|fault|mail`: the bundled DNS lab on loopback (src/lab/) and its mailbox.
import { expectPositionals, numberOption, parseArgs, UsageError } from './args.ts';
import { describeFaults, FaultUsageError } from '../lab/lab-faults.ts';
import { DEFAULT_LAB_DIR, labDown, labFault, labStatus, labUp } from '../lab/lab-runner.ts';
import { decodeWords, hasMailbox, readMail, readMailbox } from '../lab/lab-mailbox.ts';
import { mailDirPath, readLabState } from '../lab/lab-state.ts';
import path from 'node:path';

export const help = `usage: dnswarden lab up     [--dir <dir>] [--port <port>] [--resolver auto|unbound|forwarder] [--json]
       dnswarden lab down   [--dir <dir>]
       dnswarden lab status [--dir <dir>] [--json]
       dnswarden lab fault  <node> <kind> [value] [address] [--dir <dir>] [--seed <n>] [--json]
       dnswarden lab mail   [<n>] [--dir <dir>] [--json]

The bundled DNS lab: the lab. TLD (nodes a–d on 127.0.10.1–4), big-dns-auth (example.lab., ns1/ns2
on 127.0.20.1–2), news-dns (news.lab., 127.0.40.1), gov-dns (gov.lab., 127.0.50.1) and a recursive
resolver bj-resolver (a real Unbound when installed, else a built-in forwarder) on 127.0.30.1.

  up       writes the zones, <dir>/dnswarden.yaml (a configuration watching the lab) and lab.json,
           starts the lab daemon in the background and waits until every node answers
           --port: default 53 when it can be bound (root), else 10053 — every node has its own address
  down     stops the daemon and the resolver
  status   lists the nodes, their faults and whether they answer
  fault    node: a–d (lab-tld), lab-tld/b, big-dns-auth/ns1, news-dns/ns1, gov-dns/ns1, resolver
           kind: stop | start | drop <fraction> | delay <duration> | servfail [on|off]
                 | tamper <fraction> | clear          (the resolver takes stop | start | clear
                 | hijack <name> [<address>|off]: answers A/AAAA of <name> with <address>, default 203.0.113.66)
           parent nodes (a–d, or lab-tld for all four) also take
                 delegate <child-zone> <ns>[=<address>][,…] | off: the parent serves that NS set
                 (and glue) for the child instead, as a registry hijack would; clear restores it
           the TLD's services epp | whois | rdap take stop | start | delay <duration>
                 | garbage [on|off] | silent [on|off] (accepts, never answers) | clear
           DNSSEC (gov.lab. and lab. signed): gov-dns takes expire-signatures | strip-rrsigs, the TLD
                 (a–d or lab-tld) wrong-ds; each takes off, and clear undoes it
           tamper reports how many records are now served altered.
  mail     what the lab's mail sink received (it listens on 127.0.0.1:2525, or a free port, and the
           lab config sends the notifications there): time, recipients, subject; with <n>, message n
           in full (headers and text). Works after 'lab down' too: the messages stay in <dir>/mail.

  --dir    the lab folder (default ${DEFAULT_LAB_DIR}, relative to the current folder: from the
           repository root that is the folder scripts/start.sh uses)

Exit status: 0 done; 1 it failed (the lab could not start, no lab is running for 'fault', the
daemon refused); 2 usage (unknown sub-command, node or fault kind, bad option); 3 'status': no lab
is running, 'mail': no mailbox in the folder or no message <n>.

Example: dnswarden lab up && dnswarden lab fault b drop 0.3 && dnswarden probe --config ${DEFAULT_LAB_DIR}/dnswarden.yaml --once --json
`;

const SPECS = {
  dir: { type: 'string' },
  port: { type: 'string' },
  resolver: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const out = (text: string): void => { process.stdout.write(text.endsWith('\n') ? text : `${text}\n`); };

function labMail(dir: string, which: string | undefined, json: boolean): number {
  const mailDir = readLabState(path.resolve(dir))?.mailDir ?? mailDirPath(path.resolve(dir));
  if (!hasMailbox(mailDir)) {
    process.stderr.write(`no lab mailbox in ${mailDir} (start the lab with 'dnswarden lab up --dir ${dir}')\n`);
    return 3;
  }
  if (which === undefined) {
    const list = readMailbox(mailDir);
    if (json) { out(JSON.stringify({ mailbox: mailDir, messages: list }, null, 2)); return 0; }
    if (list.length === 0) { out(`no mail yet in ${mailDir}`); return 0; }
    out([`${list.length} message(s) in ${mailDir}:`,
      ...list.map((m) => `  ${String(m.id).padStart(4)}  ${m.at}  to ${m.to.join(', ')}\n        ${m.subject}`)].join('\n'));
    return 0;
  }
  if (!/^[0-9]{1,9}$/.test(which)) throw new UsageError(`'${which}' is not a message number (see 'dnswarden lab mail --dir ${dir}')`);
  const mail = readMail(mailDir, Number(which));
  if (!mail) { process.stderr.write(`no message ${which} in ${mailDir}\n`); return 3; }
  if (json) { out(JSON.stringify(mail, null, 2)); return 0; }
  const shown = ['Date', 'From', 'To', 'Subject', 'Message-ID', 'X-Dnswarden-Event', 'X-Dnswarden-Incident'];
  const head = shown.flatMap((name) => mail.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([n, v]) => `${n}: ${decodeWords(v)}`));
  out([`message ${mail.id}, received ${mail.at} for ${mail.to.join(', ')} (${mailDir}/${mail.file})`, ...head, '', mail.text].join('\n'));
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPECS);
  const [sub, ...rest] = positionals;
  const dir = options.dir ?? DEFAULT_LAB_DIR;
  switch (sub) {
    case 'up': {
      expectPositionals(rest, []);
      const port = numberOption(options.port, 'port', 1);
      if (port !== undefined && (!Number.isInteger(port) || port > 65535)) throw new UsageError(`option '--port' must be a port number (got '${options.port}')`);
      const resolver = options.resolver ?? 'auto';
      if (resolver !== 'auto' && resolver !== 'unbound' && resolver !== 'forwarder') throw new UsageError(`option '--resolver' takes auto, unbound or forwarder (got '${resolver}')`);
      const { state, alreadyRunning } = await labUp({ dir, ...(port !== undefined ? { port } : {}), resolver });
      if (options.json) { out(JSON.stringify({ alreadyRunning, ...state }, null, 2)); return 0; }
      if (alreadyRunning) {
        out(`the lab in ${state.dir} is already running (pid ${state.pid}, port ${state.port})\nconfig: ${state.configFile}`);
        return 0;
      }
      out([
        `lab up in ${state.dir} (daemon pid ${state.pid}, port ${state.port})`,
        ...state.nodes.map((n) => `  ${n.key.padEnd(18)} ${n.address}:${n.port}  ${n.role === 'resolver' ? `resolver (${state.resolver === 'unbound' ? 'Unbound' : 'built-in forwarder: Unbound is not installed'})` : n.zones.join(' ')}`),
        `config: ${state.configFile}`,
        ...(state.smtpPort ? [`mail:   127.0.0.1:${state.smtpPort} → ${state.mailDir} (read it: dnswarden lab mail --dir ${dir})`] : []),
        `try:    dnswarden probe --config ${state.configFile} --once --json`,
      ].join('\n'));
      return 0;
    }
    case 'down': {
      expectPositionals(rest, []);
      const wasRunning = await labDown(dir);
      out(wasRunning ? `lab in ${dir} stopped` : `no lab was running in ${dir}`);
      return 0;
    }
    case 'status': {
      expectPositionals(rest, []);
      const status = await labStatus(dir);
      if (options.json) { out(JSON.stringify(status, null, 2)); return status.running ? 0 : 3; }
      if (!status.running) { out(`no lab is running in ${status.dir}`); return 3; }
      out([
        `lab in ${status.dir}: running (pid ${status.state?.pid}, port ${status.state?.port}, config ${status.state?.configFile})`,
        ...status.nodes.map((n) => `  ${n.key.padEnd(18)} ${`${n.address}:${n.port}`.padEnd(18)} ${n.server.padEnd(9)} ${n.answers ? 'answers' : 'NO ANSWER'}  faults: ${describeFaults(n.faults)}`),
        ...(status.services ?? []).map((n) => `  ${n.key.padEnd(18)} ${`${n.address}:${n.port}`.padEnd(18)} ${'service'.padEnd(9)} ${n.running ? 'listening' : 'STOPPED'}  faults: ${describeFaults(n.faults)}`),
        ...(status.state?.smtpPort && status.state.mailDir
          ? [`  mail sink          127.0.0.1:${status.state.smtpPort}  ${readMailbox(status.state.mailDir).length} message(s) in ${status.state.mailDir} (dnswarden lab mail)`] : []),
      ].join('\n'));
      return 0;
    }
    case 'fault': {
      expectPositionals(rest, ['<node>', '<kind>', '[value]', '[address]'], 2);
      const [node, kind, value, extra] = rest;
      const seed = numberOption(options.seed, 'seed', 0);
      let reply;
      try {
        reply = await labFault(dir, node, kind, value, seed, extra);
      } catch (err) {
        if (err instanceof FaultUsageError) throw new UsageError(err.message);
        throw err;
      }
      if (options.json) {
        const { tamperedRecords: _omit, ...rest2 } = reply;
        out(JSON.stringify(kind === 'tamper' ? reply : rest2, null, 2));
        return 0;
      }
      const n = reply.node!;
      out(`${n.key} (${n.address}:${n.port}): faults: ${describeFaults(n.faults)}${reply.tampered !== undefined && (n.faults.tamperRate ?? 0) > 0 ? `; tampered records: ${reply.tampered}` : ''}`);
      return 0;
    }
    case 'mail': {
      expectPositionals(rest, ['[<n>]'], 1);
      return labMail(dir, rest[0], options.json ?? false);
    }
    case undefined:
      throw new UsageError("missing sub-command: up, down, status, fault or mail");
    default:
      throw new UsageError(`unknown sub-command '${sub}': use up, down, status, fault or mail`);
  }
}
