// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, a temp dir,
// a free loopback port, trust auth, fsync off. As root, the server runs as `postgres`.
// stop() removes everything; an exit hook stops a cluster a crashed test left behind.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { skipUnlessCi } from './peers.ts';

/**
 * Where the server binaries are, for any installed major: $DNSWARDEN_PG_BIN, else `pg_config --bindir`
 * when initdb is there (Debian's pg_config comes with libpq and may name a major whose server is not
 * installed), else the highest /usr/lib/postgresql/<major>/bin holding initdb; undefined when none.
 */
export function findPgBin(
  { env = process.env, root = '/usr/lib/postgresql', pgConfig = 'pg_config' }: { env?: NodeJS.ProcessEnv; root?: string; pgConfig?: string } = {},
): string | undefined {
  if (env.DNSWARDEN_PG_BIN) return env.DNSWARDEN_PG_BIN;
  const hasServer = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const fromConfig = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
  const bindir = fromConfig.status === 0 ? fromConfig.stdout.trim() : '';
  if (bindir && hasServer(bindir)) return bindir;
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+(\.\d+)?$/.test(d)) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(root, m, 'bin')).find(hasServer);
}

/** The folder of initdb/pg_ctl; a path that does not exist (so pgAvailable() is false) when none is installed. */
export const PG_BIN = findPgBin() ?? '/usr/lib/postgresql/<none installed>/bin';
/** The skip reason naming the missing peer, or false. */
export const PG_SKIP: string | false = skipUnlessCi(pgAvailable() ? false
  : 'peer missing: PostgreSQL server binaries (initdb, pg_ctl) not found via $DNSWARDEN_PG_BIN, pg_config --bindir or /usr/lib/postgresql/*/bin (Debian package "postgresql")');

export interface PgCluster {
  /** URL of the database created for the caller (dnswarden_test). */
  url: string;
  port: number;
  dir: string;
  /** Creates another empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server but keeps its files (to test a database going away). */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export function pgAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root (initdb refuses root). */
function runPg(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: timeoutMs, cwd: tmpdir() }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startPgCluster(opts: { fsync?: boolean } = {}): Promise<PgCluster> {
  if (!pgAvailable()) throw new Error(`PostgreSQL binaries not found in ${PG_BIN}`);
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const cleanupOnExit = (): void => {
    const stopArgs = ['-D', data, '-m', 'immediate', 'stop'];
    if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...stopArgs], { stdio: 'ignore' });
    else spawnSync(join(PG_BIN, 'pg_ctl'), stopArgs, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanupOnExit);
  try {
    await runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    appendFileSync(join(data, 'postgresql.conf'), [
      '', "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dir}'`,
      `fsync = ${opts.fsync ? 'on' : 'off'}`, `synchronous_commit = ${opts.fsync ? 'on' : 'off'}`,
      `full_page_writes = ${opts.fsync ? 'on' : 'off'}`, 'max_connections = 50', 'shared_buffers = 64MB', '',
    ].join('\n'));
    if (!asRoot) writeFileSync(log, '');
    let port = 0;
    const start = async (): Promise<void> => {
      await runPg('pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '30', 'start']);
    };
    for (let attempt = 1; ; attempt++) {
      port = await freeLoopbackPort();
      try {
        await start();
        break;
      } catch (err) {
        if (attempt >= 3) throw new Error(`${(err as Error).message}\n${safeRead(log)}`);
      }
    }
    const urlFor = (db: string): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
    const createDatabase = async (name: string): Promise<string> => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    };
    const url = await createDatabase('dnswarden_test');
    let stopped = false;
    return {
      url, port, dir, createDatabase,
      stopServer: async () => { await runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']); },
      startServer: start,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
        process.removeListener('exit', cleanupOnExit);
      },
    };
  } catch (err) {
    cleanupOnExit();
    process.removeListener('exit', cleanupOnExit);
    throw err;
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
