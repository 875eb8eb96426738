/**
 * OpenTelemetry traces and metrics over OTLP, configured by the standard environment variables
 * (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_EXPORTER, OTEL_METRICS_EXPORTER, ...):
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 * Without an endpoint the SDK is not started and the API stays a no-op, so local runs and most tests need
 * no collector. Must start before the modules it observes record anything: main.ts starts it first.
 */
import { context, metrics, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { startNodeSdk } from "@opentelemetry/sdk-node";
import type { FastifyInstance } from "fastify";

const SHUTDOWN_FLUSH_MS = 3_000;

export interface Telemetry {
  shutdown(): Promise<void>;
}

export function startTelemetry(env: NodeJS.ProcessEnv = process.env): Telemetry {
  const configured = Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT,
  );
  if (!configured) return { shutdown: async () => {} };
  const sdk = startNodeSdk({ resourceAttributes: { "service.name": env.OTEL_SERVICE_NAME ?? "example-api" } });
  // Flushes what is buffered; bounded, so an unreachable collector cannot hold up the pod's exit.
  return {
    shutdown: () =>
      Promise.race([sdk.shutdown(), new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref())]),
  };
}

/** A server span and a duration histogram per request, continuing the caller's W3C trace context. */
export function instrumentHttp(app: FastifyInstance): void {
  const tracer = trace.getTracer("example-api");
  const duration = metrics
    .getMeter("example-api")
    .createHistogram("http.server.request.duration", { unit: "s", description: "Duration of HTTP server requests" });
  const spans = new WeakMap<object, { span: ReturnType<typeof tracer.startSpan>; start: bigint }>();
  app.addHook("onRequest", async (request) => {
    const parent = propagation.extract(context.active(), request.headers);
    const route = request.routeOptions.url ?? "unmatched";
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": request.method, "http.route": route } },
      parent,
    );
    spans.set(request, { span, start: process.hrtime.bigint() });
  });
  app.addHook("onResponse", async (request, reply) => {
    const entry = spans.get(request);
    if (!entry) return;
    const route = request.routeOptions.url ?? "unmatched";
    const attributes = {
      "http.request.method": request.method,
      "http.route": route,
      "http.response.status_code": reply.statusCode,
    };
    entry.span.setAttributes(attributes);
    if (reply.statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
    entry.span.end();
    duration.record(Number(process.hrtime.bigint() - entry.start) / 1e9, attributes);
  });
}
