import { expect, test } from "@playwright/test";

test("create, read, update a board through the API", async ({ request }) => {
  const created = await request.post("/boards", {
    data: { name: "E2E", plugs: [{ title: "Plugilo", url: "https://plugilo.com/" }] },
  });
  expect(created.status()).toBe(201);
  const board = await created.json();
  expect(board.name).toBe("E2E");
  const read = await request.get(`/boards/${board.id}`);
  expect(read.ok()).toBeTruthy();
  expect((await read.json()).plugs).toEqual([{ title: "Plugilo", url: "https://plugilo.com/" }]);
  const updated = await request.put(`/boards/${board.id}`, { data: { name: "E2E renamed" } });
  expect((await updated.json()).name).toBe("E2E renamed");
  expect((await request.get("/boards/999999999")).status()).toBe(404);
});

test("readiness reports the dependencies", async ({ request }) => {
  const ready = await request.get("/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", database: "up", redis: "up" });
});
