/**
 * A fake Azure Resource Manager on loopback for the failover tests: HTTPS with a certificate made for the
 * test (the SDK refuses bearer tokens over plain HTTP), resources answered from a map, scripted replies per
 * request (an error, a long-running operation polled through Azure-AsyncOperation or Location, or one that
 * never finishes), and every request recorded in order.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";

export interface RecordedRequest {
  method: string;
  /** Path without the query, as sent. */
  path: string;
  apiVersion: string | null;
  body: unknown;
  authorization: string | undefined;
}

export type Reply =
  | { status: number; body?: unknown }
  /** A long-running operation: `polls` answers of InProgress, then `final`; `apply` runs when it succeeds. */
  | { lro: "azure-async-operation" | "location"; polls: number; final?: "Succeeded" | "Failed"; apply?: () => void }
  /** A long-running operation that stays InProgress (the caller's timeout ends it). */
  | { lro: "never" };

interface Operation {
  header: "azure-async-operation" | "location" | "never";
  remaining: number;
  final: "Succeeded" | "Failed";
  apply?: () => void;
  resourcePath: string;
}

export class FakeArm {
  readonly requests: RecordedRequest[] = [];
  /** GET answers, by lower-case path. */
  readonly resources = new Map<string, unknown>();
  readonly #scripts = new Map<string, Reply[]>();
  readonly #operations = new Map<string, Operation>();
  #server?: Server;
  #nextOperation = 0;
  /** Bumped by reset(): a poll that an aborted operation of an earlier test sends late is not recorded. */
  #generation = 0;
  ca = "";
  endpoint = "";

  /** Forgets requests, resources, scripts and operations between tests. */
  reset(): void {
    this.requests.length = 0;
    this.resources.clear();
    this.#scripts.clear();
    this.#operations.clear();
    this.#nextOperation = 0;
    this.#generation += 1;
  }

  /** Scripts the replies to `METHOD path`, one per request, in order. */
  on(method: string, path: string, ...replies: Reply[]): void {
    this.#scripts.set(`${method} ${path.toLowerCase()}`, replies);
  }

  async start(): Promise<void> {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keySize: 2048,
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    this.ca = pems.cert;
    this.#server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", this.endpoint);
        const text = Buffer.concat(chunks).toString("utf8");
        const generation = url.searchParams.get("generation");
        if (generation !== null && generation !== String(this.#generation)) {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "NotFound", message: "an operation of an earlier test" } }));
          return;
        }
        this.requests.push({
          method: req.method ?? "",
          path: url.pathname,
          apiVersion: url.searchParams.get("api-version"),
          body: text ? JSON.parse(text) : undefined,
          authorization: req.headers.authorization,
        });
        const { status, headers, body } = this.#answer(req.method ?? "", url.pathname);
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(body === undefined ? "" : JSON.stringify(body));
      });
    });
    this.#server.listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    this.endpoint = `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    this.#server?.close();
  }

  #answer(method: string, path: string): { status: number; headers?: Record<string, string>; body?: unknown } {
    const opMatch = /^\/fake-operations\/(\w+)$/.exec(path);
    if (opMatch) return this.#poll(opMatch[1] as string);
    const key = `${method} ${path.toLowerCase()}`;
    const reply = this.#scripts.get(key)?.shift();
    if (reply) {
      if ("status" in reply) return { status: reply.status, ...(reply.body !== undefined ? { body: reply.body } : {}) };
      const id = `op${this.#nextOperation++}`;
      const operation: Operation =
        reply.lro === "never"
          ? { header: "never", remaining: Number.POSITIVE_INFINITY, final: "Succeeded", resourcePath: path }
          : {
              header: reply.lro,
              remaining: reply.polls,
              final: reply.final ?? "Succeeded",
              ...(reply.apply ? { apply: reply.apply } : {}),
              resourcePath: path,
            };
      this.#operations.set(id, operation);
      const url = `${this.endpoint}/fake-operations/${id}?generation=${this.#generation}`;
      const header: Record<string, string> =
        operation.header === "location" ? { location: url } : { "azure-asyncoperation": url };
      return { status: 202, headers: header };
    }
    if (method === "GET" && this.resources.has(path.toLowerCase())) {
      return { status: 200, body: this.resources.get(path.toLowerCase()) };
    }
    return {
      status: 404,
      body: { error: { code: "ResourceNotFound", message: `${method} ${path}: not in the fake` } },
    };
  }

  #poll(id: string): { status: number; headers?: Record<string, string>; body?: unknown } {
    const op = this.#operations.get(id);
    if (!op) return { status: 404, body: { error: { code: "NotFound", message: id } } };
    if (op.remaining > 0) {
      op.remaining -= 1;
      return op.header === "location"
        ? { status: 202, headers: { location: `${this.endpoint}/fake-operations/${id}?generation=${this.#generation}` } }
        : { status: 200, body: { status: "InProgress" } };
    }
    if (op.final === "Succeeded") op.apply?.();
    if (op.header === "location") {
      if (op.final === "Failed")
        return { status: 500, body: { error: { code: "OperationFailed", message: "failed in the fake" } } };
      const resource = this.resources.get(op.resourcePath.toLowerCase());
      // 200 when done, with the resource where there is one (POST actions such as offlineRegion have none).
      return resource === undefined ? { status: 200 } : { status: 200, body: resource };
    }
    return {
      status: 200,
      body:
        op.final === "Succeeded"
          ? { status: "Succeeded" }
          : { status: "Failed", error: { code: "OperationFailed", message: "failed in the fake" } },
    };
  }
}
