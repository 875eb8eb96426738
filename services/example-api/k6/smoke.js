// k6 smoke and performance test of the service (run by the pipeline with the official k6 action; BASE_URL
// points at the service started against throwaway servers). The thresholds fail the run.
// https://grafana.com/docs/k6/latest/using-k6/thresholds/

import { check } from "k6";
import http from "k6/http";

const BASE_URL = __ENV.BASE_URL || "http://127.0.0.1:8080";

export const options = {
  scenarios: {
    smoke: { executor: "constant-vus", vus: 1, duration: "10s", exec: "read" },
    load: {
      executor: "ramping-vus",
      startTime: "10s",
      stages: [
        { duration: "20s", target: 20 },
        { duration: "20s", target: 20 },
      ],
      exec: "read",
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{scenario:smoke}": ["p(95)<200"],
    "http_req_duration{scenario:load}": ["p(95)<500", "p(99)<1000"],
    checks: ["rate>0.99"],
  },
};

export function setup() {
  const res = http.post(
    `${BASE_URL}/boards`,
    JSON.stringify({ name: "k6", plugs: [{ title: "Plugilo", url: "https://plugilo.com/" }] }),
    { headers: { "content-type": "application/json" } },
  );
  check(res, { "board created": (r) => r.status === 201 });
  return { id: res.json("id") };
}

export function read(data) {
  const res = http.get(`${BASE_URL}/boards/${data.id}`);
  check(res, { 200: (r) => r.status === 200 });
}
