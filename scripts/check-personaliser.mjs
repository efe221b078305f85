// The personaliser as a practice uses it, in headless Chromium (Debian's `chromium`, driven by
// playwright-core), on a kit served from 127.0.0.1:
//   1. fills the form with an example practice's answers, downloads each document and its saved
//      answers into DOWNLOADS/ (check-kits.sh compares them byte for byte with the CLI's build);
//   2. types markup of every kind as the practice's name and downloads the poster
//      (DOWNLOADS/hostile/, whose text check-kits.sh reads); types a 120-character address (its
//      maximum: the counter, the documents) and finds 121 an error beside the field;
//   3. leaves the required name blank and a phone number wrong, and finds each error beside its
//      field, in French as the page is, and in the summary;
//   4. records every request: none after the page is ready, none off 127.0.0.1;
//   5. runs axe-core on the form, with its errors shown, at 360 and 1280 px;
//   6. times the page: load to ready, the click to the first poster, each next document;
//   7. opens it where it cannot work — from file://, without JavaScript, without WebAssembly —
//      and finds it says so, with the link to the blank documents, and no form.
//
// usage: node scripts/check-personaliser.mjs URL ANSWERS.json DOWNLOADS_DIR PAGE_FILE
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [url, answersFile, downloads, pageFile] = process.argv.slice(2);
const answers = JSON.parse(readFileSync(answersFile, "utf8"));
mkdirSync(join(downloads, "hostile"), { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
let failures = 0;
const fail = (message) => { failures++; console.log(`FAIL: ${message}`); };
const timings = {};

async function open(context) {
  const page = await context.newPage();
  const requests = [];
  let ready = false;
  context.on("request", (r) => requests.push({ url: r.url(), afterReady: ready }));
  page.on("pageerror", (e) => fail(`page error: ${e.message}`));
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector("#answers:not([hidden])", { timeout: 60000 });
  timings.ready = Date.now() - start;
  ready = true;
  return { page, requests };
}

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`);
    if (typeof value === "boolean") await field.setChecked(value);
    else await field.fill(Array.isArray(value) ? value.join("\n") : value);
  }
}

// Makes the documents and saves each one with the name the page gives it.
async function make(page, dir) {
  const start = Date.now();
  await page.click("button[type=submit]");
  const items = page.locator("#documents li");
  const saved = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    await item.locator("a").waitFor({ timeout: 60000 });
    const stem = await item.getAttribute("data-stem");
    timings[stem] = Date.now() - start;
    const [download] = await Promise.all([page.waitForEvent("download"), item.locator("a").click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    saved.push(file);
  }
  return saved;
}

// 1. The example practice, and its saved answers.
const context = await browser.newContext({ acceptDownloads: true });
const { page, requests } = await open(context);
await fill(page, answers);
const made = await make(page, downloads);
console.log(`made ${made.length} documents: ${made.map((f) => f.split("/").pop()).join(", ")}`);
const [toml] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
await toml.saveAs(join(downloads, toml.suggestedFilename()));
console.log(`saved the answers as ${toml.suggestedFilename()}`);

// 2. Markup of every kind, as the practice's name.
const hostile = "<script>alert(1)</script> #panic() *Dr* [x](y) {{ t }} $x$ \\ & é";
await page.fill('[name="practice.name"]', hostile);
await page.click("button[type=submit]");
const poster = page.locator('#documents li[data-stem="poster-a4"] a');
await poster.waitFor({ timeout: 60000 });
const [hostileDownload] = await Promise.all([page.waitForEvent("download"), poster.click()]);
await hostileDownload.saveAs(join(downloads, "hostile", "poster-a4.pdf"));
writeFileSync(join(downloads, "hostile", "name.txt"), hostile);

// 2b. A health centre's address of 120 characters, its maximum, typed key by key: the counter
// says so, the field takes no more, and the documents are made (they fit). One more character,
// as a loaded file could hold, is an error beside the field naming the maximum.
const longAddress = "Maison de santé pluriprofessionnelle des Coteaux, bâtiment B, 2e étage, 12 av. du Maréchal de Lattre de Tassigny, Nantes";
await page.fill('[name="practice.name"]', "Maison de santé des Coteaux");
await page.fill('[name="practice.address"]', "");
await page.type('[name="practice.address"]', longAddress + " 44000");
const typed = await page.inputValue('[name="practice.address"]');
const counter = (await page.textContent("#f-practice-address-count")).trim();
if ([...typed].length !== 120 || counter !== "120 / 120 caractères") {
  fail(`the address field took ${[...typed].length} characters, its counter says "${counter}"`);
} else {
  console.log(`a 120-character address: the field stops there, its counter says "${counter}"`);
}
await page.click("button[type=submit]");
const notice = page.locator('#documents li[data-stem="notice"] a');
await notice.waitFor({ timeout: 60000 });
if (!(await page.locator("#summary").isHidden())) fail("a 120-character address has problems");
else console.log("a 120-character address: the documents are made");
await page.evaluate(() => {
  const field = document.querySelector('[name="practice.address"]');
  field.value = `${field.value}x`;
});
await page.click("button[type=submit]");
await page.waitForSelector("#summary:not([hidden])", { timeout: 60000 });
const tooLong = ((await page.textContent("#f-practice-address-error")) || "").trim();
if (!/121\scaractères.*120\sau plus/.test(tooLong)) fail(`121 characters: "${tooLong}" beside the address`);
else console.log(`121 characters: "${tooLong}"`);
await page.fill('[name="practice.address"]', answers["practice.address"] || "");
await page.fill('[name="practice.name"]', answers["practice.name"] || "");

// 3. Errors beside their fields.
await page.fill('[name="practice.name"]', "");
await page.fill('[name="it_provider.phone"]', "12");
await page.click("button[type=submit]");
await page.waitForSelector("#summary:not([hidden])", { timeout: 60000 });
// In the page's language (the French page: French words, French spacing before the colon).
const said = [
  ["f-practice-name", "the blank name", /^Ce champ est obligatoire\u202f: les documents sont faits au nom du cabinet\.$/],
  ["f-it-provider-phone", "the wrong phone", /^«\u202f12\u202f» compte 2\u00a0chiffres\u202f; un numéro français en a 10\.$/],
];
for (const [id, what, expected] of said) {
  const error = page.locator(`#${id}-error`);
  const text = (await error.isVisible()) ? await error.textContent() : "";
  const describedBy = (await page.getAttribute(`#${id}`, "aria-describedby")) || "";
  const invalid = await page.getAttribute(`#${id}`, "aria-invalid");
  if (!expected.test(text.trim()) || !describedBy.includes(`${id}-error`) || invalid !== "true") {
    fail(`${what}: no error beside #${id} (text "${text}", aria-describedby "${describedBy}", aria-invalid ${invalid})`);
  } else {
    console.log(`${what}: "${text.trim()}"`);
  }
}
const summary = await page.locator("#summary-list li").count();
if (summary < 2) fail(`the summary lists ${summary} problems, not 2`);
if (!(await page.evaluate(() => document.activeElement && document.activeElement.id === "summary"))) {
  fail("the summary does not take the focus");
}

// 4. The requests.
const base = new URL(url);
for (const r of requests) {
  if (new URL(r.url).hostname !== base.hostname && !r.url.startsWith("blob:")) fail(`a request off ${base.hostname}: ${r.url}`);
  if (r.afterReady && !r.url.startsWith("blob:")) fail(`a request after the page was ready: ${r.url}`);
}
console.log(`${requests.length} requests, all before the page was ready, all to ${base.hostname}`);
await context.close();

// 5. axe-core on the form with its errors shown (its policy set aside for axe's own script).
for (const width of [360, 1280]) {
  const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  const { page: axePage } = await open(axeContext);
  await axePage.fill('[name="it_provider.phone"]', "12");
  await axePage.click("button[type=submit]");
  await axePage.waitForSelector("#summary:not([hidden])", { timeout: 60000 });
  await axePage.addScriptTag({ content: axeSource });
  const result = await axePage.evaluate(async () =>
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      fail(`axe @${width}px: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
  }
  const overflow = await axePage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  if (overflow) fail(`the page scrolls sideways at ${width}px`);
  await axeContext.close();
}
console.log("axe-core: the form, with its errors, at 360 and 1280 px");

// 7. Where it cannot work.
const root = await (await browser.newContext()).newPage();
await root.goto(url);
const messages = await root.evaluate(() => ({ ...document.getElementById("personaliser").dataset }));
await root.close();
const cases = [
  ["from file://", {}, "file://" + pageFile, "#status", messages.file],
  ["without JavaScript", { javaScriptEnabled: false }, url, "noscript p", null],
  ["without WebAssembly", {}, url, "#status", messages.noWasm],
];
for (const [what, options, where, selector, expected] of cases) {
  const ctx = await browser.newContext(options);
  if (what === "without WebAssembly") await ctx.addInitScript(() => { delete globalThis.WebAssembly; });
  const p = await ctx.newPage();
  await p.goto(where);
  await p.waitForTimeout(500);
  const said = ((await p.locator(selector).first().textContent()) || "").trim();
  const blank = await p.locator('a[href$="downloads.html"]').filter({ hasText: /./ }).count();
  const form = await p.locator("#answers").isVisible();
  if (!said || (expected && said !== expected) || form || blank === 0) {
    fail(`${what}: the page says "${said}", ${form ? "shows" : "hides"} the form, ${blank} link to the blank documents`);
  } else {
    console.log(`${what}: "${said.slice(0, 70)}…"`);
  }
  await ctx.close();
}

await browser.close();
writeFileSync(join(downloads, "timings.json"), JSON.stringify(timings));
console.log(`timings (ms): ${JSON.stringify(timings)}`);
console.log(`${failures} problems`);
process.exit(failures ? 1 : 0);
