// A look at pages as a reader sees them, for a person (not a test): screenshots of a page at a desktop and
// a 400-pixel width, with every claim box's folded code opened, and of the print page.
// Usage: node ci/browser/look.mjs <book dir> <out dir> <page> [<page> …]   (pages relative to the book)
import { chromium } from "playwright-core";
import path from "node:path";
import fs from "node:fs";

const [bookDir, outDir, ...pages] = process.argv.slice(2);
if (!bookDir || !outDir || pages.length === 0) {
  console.error("usage: node ci/browser/look.mjs <book dir> <out dir> <page> [<page> …]");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
for (const [width, height] of [[1280, 900], [400, 800]]) {
  const page = await browser.newPage({ viewport: { width, height } });
  for (const p of pages) {
    await page.goto("file://" + path.resolve(bookDir, p));
    await page.evaluate(() => document.querySelectorAll("details.claim-code").forEach((d) => (d.open = true)));
    const first = await page.$("details.claim-code");
    if (first) await first.scrollIntoViewIfNeeded();
    const name = p.replace(/[\/.]/g, "_") + `-${width}.png`;
    await page.screenshot({ path: path.join(outDir, name), fullPage: false });
    const wide = await page.evaluate(() => [...document.querySelectorAll(".claim")].filter((b) => b.scrollWidth > b.clientWidth + 1).length);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(`${p} at ${width}px: ${wide} boxes wider than their frame; page scrolls sideways: ${overflow}`);
  }
  await page.close();
}
await browser.close();
