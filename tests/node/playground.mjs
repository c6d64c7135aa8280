// The playground page driven by a real browser: Debian's chromium through
// playwright-core (never a browser npm downloads). Run by
// tests/e2e/check_playground.py, which starts the server:
//
//   node tests/node/playground.mjs BASE_URL SEED_FILE EXPECTED_TITLE [SHOT_DIR [API_KEY]]
//
// With API_KEY the server requires keys (--api-keys-file): the page is
// used with the key, and once without it.
//
// Prints one "ok ..." line per check and exits non-zero at the first
// failure. With SHOT_DIR, leaves screenshots there at 1280x800 and at a
// phone's 390x844.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, seedFile, expectedTitle, shotDir, apiKey] = process.argv.slice(2);
if (!base || !seedFile || !expectedTitle) {
  console.error("usage: playground.mjs BASE_URL SEED_FILE EXPECTED_TITLE [SHOT_DIR]");
  process.exit(2);
}
const seed = readFileSync(seedFile, "utf8");
const profile = mkdtempSync(join(tmpdir(), "warta-chromium-"));

function check(cond, what) {
  if (!cond) throw new Error(what);
  console.log(`ok ${what}`);
}

// Headless and quiet: no GPU, no sandbox (root in CI), and nothing that
// talks to the network on its own (updates, sync, QUIC probes).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 800 },
});
let failed = false;
try {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));

  await page.goto(base + "/", { waitUntil: "load" });
  check(await page.title() === "Warta playground", "the page loads with its title");

  // Labelled controls, found the way a screen reader user would.
  if (apiKey) {
    await page.getByText("API key", { exact: true }).click();
    await page.getByLabel("API key").fill(apiKey);
  }
  const text = page.getByLabel("Article text");
  await text.fill(seed);
  await page.getByRole("button", { name: "Normalize" }).click();
  const title = page.locator("#article-title");
  await title.waitFor({ state: "visible", timeout: 20000 });
  check((await title.textContent()) === expectedTitle, `the title reads "${expectedTitle}"`);
  check(await page.locator(".kicker").textContent() === "ASEAN 2023", "the kicker is shown");
  check((await page.locator(".meta").textContent()).includes("Nusa Dua, Bali (ANTARA)"), "the dateline is shown");
  check((await page.locator(".meta").textContent()).includes("WIB"), "the date is shown with its zone");
  check((await page.locator("figcaption .credit").textContent()).includes("ANTARA/Zubi Mahrofi"), "the photo credit is shown");
  const dups = page.locator('#removed li[data-reason="duplicate"]');
  check(await dups.count() === 13, "the thirteen removed duplicates are listed");
  check((await page.locator("#removed-h").textContent()).includes("13 duplicates"), "the removed heading counts them");
  check(await page.locator(".body p").count() === 11, "the eleven paragraphs are laid out");
  const raw = JSON.parse(await page.locator("#raw").textContent());
  check(raw.title === expectedTitle, "the raw JSON is the article");
  await page.getByRole("button", { name: "Copy" }).click();
  await page.locator("#status", { hasText: "copied" }).waitFor({ timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(JSON.parse(copied).title === expectedTitle, "Copy puts the raw JSON on the clipboard");
  check(consoleErrors.length === 0, `no console error (${consoleErrors.join(" | ") || "none"})`);
  const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));
  check(foreign.length === 0, `the page loads nothing from elsewhere (${foreign.join(" ") || "none"})`);

  if (shotDir) {
    mkdirSync(shotDir, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotDir, "playground-1280x800.png") });
    await page.screenshot({ path: join(shotDir, "playground-1280-full.png"), fullPage: true });
  }

  // Keyboard only: Ctrl+Enter in the text area, another format.
  await page.getByLabel("Format").selectOption("text");
  await text.focus();
  await page.keyboard.press("Control+Enter");
  await page.locator("#status", { hasText: "Done" }).waitFor({ timeout: 20000 });
  check((await page.locator("#raw").textContent()).startsWith(expectedTitle), "Ctrl+Enter normalizes; format text shows plain text");

  // An error is shown as its problem detail.
  await page.getByRole("radio", { name: "URL" }).check({ force: true });
  await page.getByLabel("Article URL").fill("ftp://example.org/a");
  await page.getByRole("button", { name: "Normalize" }).click();
  const problem = page.getByRole("alert");
  await problem.waitFor({ state: "visible", timeout: 20000 });
  check((await problem.textContent()).includes("only http and https URLs"), "a refused URL shows its problem detail");

  if (apiKey) {
    await page.getByLabel("API key").fill("");
    await page.getByRole("radio", { name: "Text" }).check({ force: true });
    await page.getByRole("button", { name: "Normalize" }).click();
    await page.locator("#problem", { hasText: "unauthorized" }).waitFor({ timeout: 20000 });
    check(await page.locator("#apikey").evaluate((e) => e === document.activeElement),
          "without its key the page shows the 401 problem and asks for the key");
    await page.getByLabel("API key").fill(apiKey);
  }

  if (shotDir) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("radio", { name: "Text" }).check({ force: true });
    await page.getByLabel("Format").selectOption("native");
    await page.getByRole("button", { name: "Normalize" }).click();
    await page.locator("#status", { hasText: "Done" }).waitFor({ timeout: 20000 });
    await page.screenshot({ path: join(shotDir, "playground-phone-article.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotDir, "playground-phone.png") });
  }
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
