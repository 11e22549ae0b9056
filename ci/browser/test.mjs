// The browser test of the built book: serves book/ on 127.0.0.1, opens every page in Debian's headless
// Chromium through Playwright's library, and fails on anything a reader would stumble on:
//   - a console error or an uncaught exception on a page;
//   - a request to any host but the local server (the book must work offline);
//   - a {{#claim}} directive of the chapter's source that did not become a box with a verdict;
//   - a plot that is not an SVG with content;
//   - an internal link to a page that does not exist, or to an anchor the page does not have;
//   - the search not finding a claim ID or a word of a chapter;
//   - a box whose evidence keeps the code measured without that code in a folded panel;
//   - at a phone's width (400 pixels), a claim box wider than its frame or a page that scrolls sideways;
//   - the print page (print media) without every box, or with a box cut at the page's edge;
//   - the claims ledger's filters not narrowing the table.
// It then proves it can fail: the same link check on a scratch copy of one page with a dead link must
// report it. Screenshots of a few pages go to target/browser/.
// Usage: node ci/browser/test.mjs <book dir> <src dir> <screenshot dir>
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const [bookDir, srcDir, shotDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!bookDir || !srcDir || !shotDir) {
  console.error("usage: node ci/browser/test.mjs <book dir> <src dir> <screenshot dir>");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  console.error(`browser test: no Chromium at ${CHROMIUM}: run ci/install-tools.sh chromium (or set CHROMIUM)`);
  process.exit(2);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
  ".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".json": "application/json",
  ".ico": "image/x-icon" };

/** A static server for `root` on 127.0.0.1; resolves to its base URL. */
function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end("not found"); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` })));
}

/** Every HTML page of the book, relative to its root. */
function pages(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

/** The claim IDs of a chapter's markdown source's directives, outside code blocks and code spans. */
function claimDirectives(md) {
  let inFence = false;
  const ids = [];
  for (const line of md.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) { inFence = !inFence; continue; }
    if (inFence) continue;
    for (const m of line.replace(/`[^`]*`/g, "").matchAll(/\{\{#claim\s+([^}\s]+)\s*\}\}/g)) ids.push(m[1]);
  }
  return ids;
}

/** Whether a claim's blessed evidence keeps an excerpt of the code measured (subject or control). */
function hasCode(id) {
  const file = path.join(srcDir, "measured", `${id}.json`);
  if (!fs.existsSync(file)) return false;
  const ev = JSON.parse(fs.readFileSync(file, "utf8"));
  return !!(ev.code || (ev.control && ev.control.code));
}

/** Claim boxes in the open page that are wider than their own frame (something in them does not wrap). */
const overflowingBoxes = (page) => page.$$eval("main div.claim", (ds) => ds.filter((d) => d.scrollWidth > d.clientWidth + 1).map((d) => d.id));

/** Problems with the internal links of the page open in `page` (at `url`), checked against `exists`. */
async function linkProblems(page, url, base, anchorsOf) {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
  const problems = [];
  for (const href of new Set(hrefs)) {
    if (!href.startsWith(base)) continue; // external links are not followed (and not requested)
    const target = new URL(href);
    const file = target.pathname;
    const anchors = await anchorsOf(file);
    if (anchors === null) { problems.push(`${url}: link to ${file}, which does not exist`); continue; }
    const id = decodeURIComponent(target.hash.slice(1));
    if (id && !anchors.has(id)) problems.push(`${url}: link to ${file}#${id}, an anchor that page does not have`);
  }
  return problems;
}

const { server, base } = await serve(bookDir);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
const narrow = await browser.newContext({ viewport: { width: 400, height: 800 } });
const problems = [];
let checked = 0;
let directives = 0;

// Anchors of a page, by path; null when the page does not exist.
const anchorCache = new Map();
async function anchorsOf(file) {
  if (anchorCache.has(file)) return anchorCache.get(file);
  const res = await fetch(base + file.replace(/^\//, ""));
  let value = null;
  if (res.ok) {
    const html = await res.text();
    value = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  }
  anchorCache.set(file, value);
  return value;
}

// toc.html is mdbook's table of contents for readers without JavaScript, with no icon (so the browser's
// request for /favicon.ico is a 404 there); 404.html is served at unknown paths, and its links assume the
// site's root. Neither is a page of the book's own.
// compile-times/workload-timings.html is cargo's own `--timings` report, kept as a file the Compile times
// part links to: its layout and its missing icon are cargo's, not the book's.
const SKIPPED = new Set(["toc.html", "404.html", "compile-times/workload-timings.html"]);

for (const rel of pages(bookDir).filter((p) => !SKIPPED.has(p))) {
  const url = base + rel;
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${rel}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${rel}: uncaught exception: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) problems.push(`${rel}: requests ${r.url()} from another host`); });
  const res = await page.goto(url, { waitUntil: "load" });
  if (!res || !res.ok()) { problems.push(`${rel}: HTTP ${res ? res.status() : "no response"}`); await page.close(); continue; }

  // Claim boxes: as many as the chapter's source has directives, each with a verdict.
  const md = path.join(srcDir, rel.replace(/\.html$/, ".md"));
  if (fs.existsSync(md)) {
    const ids = claimDirectives(fs.readFileSync(md, "utf8"));
    const want = ids.length;
    directives += want;
    const boxes = await page.$$eval("main div.claim", (ds) => ds.map((d) => !!d.querySelector(".claim-verdict")));
    if (boxes.length !== want) problems.push(`${rel}: ${want} claim directives in the source, ${boxes.length} boxes on the page`);
    if (boxes.some((v) => !v)) problems.push(`${rel}: a claim box without a verdict`);
    // The code measured: a folded panel with code, in every box whose evidence keeps it.
    const withCode = ids.filter(hasCode).length;
    const panels = await page.$$eval("main div.claim details.claim-code", (ds) => ds.map((d) => [...d.querySelectorAll("pre code")].some((c) => c.textContent.trim().length > 0)));
    if (panels.length !== withCode) problems.push(`${rel}: ${withCode} boxes' evidence keeps code, ${panels.length} boxes show a code panel`);
    if (panels.some((v) => !v)) problems.push(`${rel}: a code panel with no code`);
    const raw = await page.$$eval("main", (ms) => ms.map((m) => {
      const clone = m.cloneNode(true);
      clone.querySelectorAll("code, pre").forEach((c) => c.remove());
      return clone.textContent;
    }).join(""));
    if (/\{\{#(claim|figure|plot|shown|input|cited)\b/.test(raw)) problems.push(`${rel}: a directive was left in the text`);
  }
  // Plots: an SVG with drawn content.
  const plots = await page.$$eval("main .measured-plot", (ps) => ps.map((p) => {
    const svg = p.querySelector("svg");
    return svg ? svg.querySelectorAll("rect, path, line, polyline, text").length : -1;
  }));
  plots.forEach((n, i) => { if (n < 5) problems.push(`${rel}: plot #${i + 1} ${n < 0 ? "has no SVG" : "is an empty SVG"}`); });

  problems.push(...await linkProblems(page, rel, base, anchorsOf));
  // A phone: boxes fit a 400-pixel screen, and the page does not scroll sideways (loaded at that width,
  // as a phone would: mdBook lays out its sidebar when the page loads).
  if (rel !== "print.html") {
    const phone = await narrow.newPage();
    await phone.goto(url, { waitUntil: "load" });
    await phone.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    for (const id of await overflowingBoxes(phone)) problems.push(`${rel}: at 400 px, box ${id} is wider than its frame`);
    if (await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) problems.push(`${rel}: at 400 px, the page scrolls sideways`);
    await phone.close();
  }
  checked += 1;
  await page.close();
}

// The search: a claim ID and a word of a chapter.
{
  const page = await context.newPage();
  await page.goto(base + "index.html", { waitUntil: "load" });
  // mdbook searches on key presses (so the query is typed, not pasted), and loads its index on the first
  // one: a first search warms it up.
  await page.keyboard.press("s");
  await page.type("#mdbook-searchbar", "rust");
  await page.waitForTimeout(1500);
  for (const term of ["heap.vec.growth-doubles", "monomorphized"]) {
    await page.fill("#mdbook-searchbar", "");
    await page.type("#mdbook-searchbar", term);
    let hits = 0;
    for (let i = 0; i < 50 && hits === 0; i++) {
      await page.waitForTimeout(100);
      const header = (await page.textContent("#mdbook-searchresults-header")) || "";
      if (header.includes(term)) hits = await page.$$eval("#mdbook-searchresults li", (ls) => ls.length);
    }
    if (hits === 0) problems.push(`search: no result for "${term}"`);
  }
  await page.close();
}

// The print page, as printed: every box is there and none is cut at the page's edge.
{
  const page = await context.newPage();
  // mdBook's print page opens the print dialog on load; here the PDF is made by the browser instead.
  await page.addInitScript(() => { window.print = () => {}; });
  await page.emulateMedia({ media: "print" });
  await page.goto(base + "print.html", { waitUntil: "load" });
  const boxes = await page.$$eval("main div.claim", (ds) => ds.length);
  if (boxes !== directives) problems.push(`print.html: ${directives} claim directives in the chapters, ${boxes} boxes on the print page`);
  for (const id of await overflowingBoxes(page)) problems.push(`print.html: in print, box ${id} is wider than its frame`);
  fs.mkdirSync(shotDir, { recursive: true });
  await page.pdf({ path: path.join(shotDir, "print.pdf"), format: "A4" });
  await page.close();
}

// The ledger's filters: with JavaScript they appear, and choosing a kind keeps only that kind's rows.
{
  const page = await context.newPage();
  await page.goto(base + "appendix/ledger.html", { waitUntil: "load" });
  const visible = await page.isVisible("form.claims-ledger-filters");
  const all = await page.$$eval("table.claims-ledger tbody tr", (rs) => rs.length);
  if (!visible) problems.push("appendix/ledger.html: the ledger's filters are not shown");
  else {
    await page.selectOption("select[data-filter=kind]", "heap");
    const rows = await page.$$eval("table.claims-ledger tbody tr", (rs) => rs.filter((r) => !r.hidden).map((r) => r.dataset.kind));
    if (rows.length === 0 || rows.length === all || rows.some((k) => k !== "heap")) problems.push(`appendix/ledger.html: the kind filter "heap" shows ${rows.length} of ${all} rows (${[...new Set(rows)].join(", ")})`);
    const said = (await page.textContent("form.claims-ledger-filters output")) || "";
    if (!said.startsWith(`${rows.length} of ${all}`)) problems.push(`appendix/ledger.html: the filter says "${said}" for ${rows.length} of ${all} rows`);
  }
  await page.close();
}

// Screenshots for a person to look at: desktop, and the narrow screen of a phone.
fs.mkdirSync(shotDir, { recursive: true });
for (const [rel, width] of [["heap/index.html", 1100], ["lto/index.html", 1100], ["inlining/index.html", 1100], ["heap/index.html", 400], ["inlining/index.html", 400], ["appendix/drift.html", 1100], ["appendix/ledger.html", 1100]]) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(base + rel, { waitUntil: "load" });
  // The first box with code, its panel open.
  await page.evaluate(() => {
    const d = document.querySelector("details.claim-code");
    if (d) { d.open = true; d.closest("div.claim").scrollIntoView(); }
  });
  await page.screenshot({ path: path.join(shotDir, `${rel.replace(/[/.]/g, "_")}_${width}.png`), fullPage: false });
  await page.close();
}

// The control: a dead link in a scratch copy of one page must be reported.
{
  const scratch = fs.mkdtempSync(path.join(process.env.TMPDIR || "/tmp", "measured-browser-"));
  fs.cpSync(bookDir, scratch, { recursive: true });
  const victim = path.join(scratch, "introduction.html");
  fs.writeFileSync(victim, fs.readFileSync(victim, "utf8").replace("</main>", '<a href="no-such-page.html#nothing">dead</a></main>'));
  const { server: s2, base: b2 } = await serve(scratch);
  const page = await context.newPage();
  await page.goto(b2 + "introduction.html", { waitUntil: "load" });
  const cache = new Map();
  const found = await linkProblems(page, "introduction.html", b2, async (file) => {
    if (!cache.has(file)) {
      const r = await fetch(b2 + file.replace(/^\//, ""));
      cache.set(file, r.ok ? new Set([...(await r.text()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])) : null);
    }
    return cache.get(file);
  });
  if (!found.some((p) => p.includes("no-such-page.html"))) problems.push("control: a dead link in a scratch copy was not reported: the link check cannot fail");
  await page.close();
  s2.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}

await browser.close();
server.close();
for (const p of problems) console.error(`error: ${p}`);
const failedPages = new Set(problems.map((p) => p.split(":")[0])).size;
console.log(`browser test: ${checked} pages checked, screenshots in ${shotDir}`);
console.log(`browser: ${Math.max(checked - failedPages, 0)} passed, ${failedPages} failed`);
process.exit(problems.length ? 1 : 0);
