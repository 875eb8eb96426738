import { expect, test } from "@playwright/test";

test("the page lists the boards the API holds", async ({ page, request }) => {
  await request.post("/boards", { data: { name: "Shown on the page", plugs: [{ title: "a", url: "https://a.example/" }] } });
  await page.goto("/");
  await expect(page.locator("body[data-loaded=true]")).toBeAttached();
  await expect(page.getByRole("list", { name: "boards" })).toContainText("Shown on the page (1 plugs)");
});
