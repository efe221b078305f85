// Loads pages of a built kit in headless Chromium (Debian's `chromium`, driven by playwright-core)
// and runs axe-core's WCAG 2.1 A/AA rules on each; fails on any serious or critical violation,
// and on any request that leaves the site (the page is opened from file://).
//
// usage: node scripts/check-a11y.mjs OUTPUT_DIR   (npm ci --prefix scripts)
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const out = resolve(process.argv[2] ?? "output");
const pages = [];
for (const kit of readdirSync(out)) {
  const dir = join(out, kit);
  if (!statSync(dir).isDirectory()) continue;
  for (const lang of ["fr", "en"]) {
    for (const page of ["index.html", "incident.html", "privacy.html", "downloads.html", "personalise.html", "modules/passwords.html"]) {
      try { statSync(join(dir, lang, page)); pages.push(join(dir, lang, page)); } catch {}
    }
  }
}
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
let failures = 0;
for (const width of [360, 1280]) {
  // The personaliser page's policy forbids inline scripts, axe-core's among them.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  for (const file of pages) {
    const page = await context.newPage();
    const outside = [];
    page.on("request", (r) => { if (!r.url().startsWith("file://")) outside.push(r.url()); });
    await page.goto("file://" + file);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of serious) {
      failures++;
      console.log(`${file} @${width}px: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    for (const url of outside) { failures++; console.log(`${file}: request leaves the site: ${url}`); }
    await page.close();
  }
  await context.close();
}
await browser.close();
console.log(`${pages.length} pages at 360 and 1280 px: ${failures} problems`);
process.exit(failures || pages.length === 0 ? 1 : 0);
