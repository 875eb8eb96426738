/**
 * Throwaway PostgreSQL and Redis servers for the tests: the system's binaries (Debian's postgresql and
 * redis-server; .ci/run installs them), on loopback, on free random ports, with password authentication,
 * data in a temporary directory, stopped and removed afterwards. A missing binary throws with the install
 * command: the test fails, it is never skipped.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      "PostgreSQL server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb): install them with `apt-get install -y postgresql`, or set PG_BIN",
    );
  return join(root, versions[0], "bin");
}

function which(binary: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: as root, run it as the postgres (or nobody) user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
      return { uid, gid };
    } catch {}
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

async function until(what: string, probe: () => Promise<unknown>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (err) {
      last = err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms: ${String(last)}\n${output()}`);
}

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Environment variables the service reads. */
  env: Record<string, string>;
  /** A new empty database on the same server. */
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "example-api-pg-"));
  const data = join(dir, "data");
  const user = "example_api";
  const password = "local-test-only";
  writeFileSync(join(dir, "pwfile"), password);
  if (owner) {
    chmodSync(dir, 0o700);
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, "pwfile"), owner.uid, owner.gid);
  }
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(
    join(bin, "initdb"),
    ["-D", data, "-U", user, "--pwfile", join(dir, "pwfile"), "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"],
    {
      stdio: "pipe",
      ...as,
    },
  );
  const port = await freePort();
  let output = "";
  const child = spawn(
    join(bin, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dir}`,
      "-c",
      "fsync=off",
      "-c",
      "max_connections=200",
    ],
    { stdio: ["ignore", "pipe", "pipe"], ...as },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const admin = (database: string) => new pg.Client({ host: "127.0.0.1", port, user, password, database });
  await until(
    "PostgreSQL",
    async () => {
      if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
      const c = admin("postgres");
      await c.connect();
      await c.end();
    },
    30_000,
    () => output,
  );
  const createDatabase = async (name: string) => {
    const c = admin("postgres");
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
  };
  const database = "example_api";
  await createDatabase(database);
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    database,
    env: {
      DATABASE_HOST: "127.0.0.1",
      DATABASE_PORT: String(port),
      DATABASE_NAME: database,
      DATABASE_USER: user,
      DATABASE_AUTH: "password",
      DATABASE_PASSWORD: password,
      DATABASE_SSL: "false",
    },
    createDatabase,
    async stop() {
      child.kill("SIGINT"); // fast shutdown
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestRedis {
  host: string;
  port: number;
  password: string;
  env: Record<string, string>;
  /** Stops the server (a Redis outage); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const binary = process.env.REDIS_SERVER ?? which("redis-server");
  if (!binary) throw new Error("redis-server not found: install it with `apt-get install -y redis-server`, or set REDIS_SERVER");
  const port = await freePort();
  const password = "local-test-only";
  let child: ChildProcess | undefined;
  let output = "";
  const start = async () => {
    output = "";
    child = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--requirepass",
        password,
        "--daemonize",
        "no",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    await until(
      "redis-server",
      () =>
        new Promise<void>((resolve, reject) => {
          if (output.includes("Ready to accept connections")) resolve();
          else if (child?.exitCode !== null) reject(new Error(`redis-server exited: ${output}`));
          else reject(new Error("not ready yet"));
        }),
      15_000,
      () => output,
    );
  };
  await start();
  return {
    host: "127.0.0.1",
    port,
    password,
    env: {
      REDIS_HOST: "127.0.0.1",
      REDIS_PORT: String(port),
      REDIS_AUTH: "password",
      REDIS_PASSWORD: password,
      REDIS_TLS: "false",
    },
    async stop() {
      if (!child) return;
      child.kill("SIGTERM");
      await exited(child);
      child = undefined;
    },
    start,
  };
}
