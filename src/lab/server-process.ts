// Starting a DNS server binary (NSD, Knot, Unbound) in the foreground for the lab and the tests:
// spawn it, poll until `ready` says it serves (bounded: 200 × 50 ms), and stop it with SIGTERM,
// then SIGKILL if it lingers. A server that exits or never becomes ready is an error naming its
// last stderr lines.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
  pid: number;
  readonly exited: boolean;
  stop(): Promise<void>;
}

/** True when a TCP connection to host:port is accepted. */
export function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function startServerProcess(name: string, binary: string, args: string[], ready: () => Promise<boolean>,
  hint = ''): Promise<ServerProcess> {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr = (stderr + String(d)).slice(-4000); });
  let exited = false;
  child.once('exit', () => { exited = true; });
  const stop = async (): Promise<void> => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(5000)]);
    if (!exited) { child.kill('SIGKILL'); await Promise.race([gone, sleep(2000)]); }
  };
  for (let i = 0; i < 200 && !exited; i++) {
    if (await ready()) return { pid: child.pid!, stop, get exited() { return exited; } };
    await sleep(50);
  }
  await stop();
  throw new Error(`${name} did not start: ${stderr.trim() || hint}`);
}
