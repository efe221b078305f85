// Times the personaliser in headless Chromium on a kit served from 127.0.0.1: the page's load to
// ready, the click to the first poster, and each next document; RUNS times, the first with an
// empty cache (the WebAssembly downloaded and compiled) and the others reloaded (cached), as a
// practice that comes back. Prints the median, the lowest and the highest.
//
// usage: node benches/personaliser.mjs URL ANSWERS.json RUNS   (npm ci --prefix scripts)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("../scripts/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const [url, answersFile, runsArg] = process.argv.slice(2);
const answers = JSON.parse(readFileSync(answersFile, "utf8"));
const runs = Number(runsArg || 5);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
const page = await context.newPage();
const rows = [];
for (let run = 0; run < runs; run++) {
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector("#answers:not([hidden])", { timeout: 60000 });
  const ready = Date.now() - start;
  for (const [name, value] of Object.entries(answers)) {
    const field = page.locator(`[name="${name}"]`);
    if (typeof value === "boolean") await field.setChecked(value);
    else await field.fill(Array.isArray(value) ? value.join("\n") : value);
  }
  const click = Date.now();
  await page.click("button[type=submit]");
  const times = {};
  for (const stem of ["poster-a4", "poster-a3", "notice", "checklist"]) {
    await page.locator(`#documents li[data-stem="${stem}"] a`).waitFor({ timeout: 60000 });
    times[stem] = Date.now() - click;
  }
  const next = [times["poster-a3"] - times["poster-a4"], times.notice - times["poster-a3"], times.checklist - times.notice];
  // The page's own clock (its performance marks, from the navigation's start): what a practice
  // waits, without the test driver's round trips, which the driver's figures include.
  const mark = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])));
  const made = (stem) => mark[`cyberkit:made:${stem}`];
  const page_first = made("poster-a4") - mark["cyberkit:asked"];
  const page_next = [made("poster-a3") - made("poster-a4"), made("notice") - made("poster-a3"), made("checklist") - made("notice")];
  rows.push({
    cache: run === 0 ? "empty" : "warm",
    ready: mark["cyberkit:ready"], first: page_first, load_to_first: mark["cyberkit:ready"] + page_first, next_max: Math.max(...page_next),
    driver_ready: ready, driver_first: times["poster-a4"], driver_load_to_first: ready + times["poster-a4"], driver_next_max: Math.max(...next),
  });
}
await browser.close();
for (const row of rows) console.log(JSON.stringify(row));
const warm = rows.slice(1);
const stat = (key) => {
  const v = warm.map((r) => r[key]).sort((a, b) => a - b);
  return `${key} ${v[Math.floor(v.length / 2)]} ms (${v[0]}–${v[v.length - 1]})`;
};
if (warm.length > 0) {
  console.log(`warm cache, ${warm.length} runs, the page's clock: ${["ready", "first", "load_to_first", "next_max"].map(stat).join("; ")}`);
  console.log(`warm cache, ${warm.length} runs, the driver's clock: ${["driver_ready", "driver_first", "driver_load_to_first", "driver_next_max"].map(stat).join("; ")}`);
}
