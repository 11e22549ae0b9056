// The browser test of the built book: serves book/ on 127.0.0.1, opens every page in Debian's headless
// Chromium through Playwright's library, and fails on anything a reader would stumble on:
//   - a console error or an uncaught exception on a page;
//   - a request to any host but the local server (the book must work offline);
//   - a {{#claim}} (or {{#example-box}}) directive of the chapter's source that did not become a box with a
//     verdict badge;
//   - a plot that is not an SVG with content;
//   - an internal link to a page that does not exist, or to an anchor the page does not have;
//   - the search not finding a claim ID or a word of a chapter;
//   - a box whose evidence keeps the code measured without that code in a folded panel;
//   - at a desktop's width (1280 pixels) and a phone's (400), each page loaded at that width: a table, a
//     code panel (pre), a plot or an image (svg, img) wider than its claim box or its chapter's column, or
//     cut off inside a container that scrolls sideways (only a declared scroll figure may: class
//     figure-scroll, or the CSS property --figure-scroll: 1), a claim box wider than its frame, a page
//     that scrolls sideways; at 400 px, a chart (svg.measured-chart) with text under 11 pixels;
//   - at 1280x800, a chapter page (not an appendix) taller than 20 screens (16,000 px); every page's
//     height, every claim box's height (as rendered by default, folds closed) with their median and
//     distribution go to <screenshot dir>/report.json;
//   - a chapter page with claim boxes and no generated summary (div.page-summary), a summary taller than
//     one screen at 1280x800, or a summary link to a
//     missing anchor;
//   - the print page (print media) without every box, or with a box cut at the page's edge;
//   - the claims ledger's filters not narrowing the table.
// It then proves it can fail: the same link check on a scratch copy of one page with a dead link must
// report it, and the overflow check must report a 3000-pixel table put into a claim box. Screenshots of
// the top of every chapter page at both widths (top-<page>-<width>.png) and of a few pages with a box's
// code open go to target/browser/.
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

/**
 * The claim IDs of a chapter's markdown source's box directives, outside code blocks and code spans:
 * `{{#claim <id>}}`, or with `kind = "example-box"`, `{{#example-box <id>}}` (a box shown as an example).
 */
function claimDirectives(md, kind = "claim") {
  let inFence = false;
  const ids = [];
  const re = new RegExp(`\\{\\{#${kind}\\s+([^}\\s]+)\\s*\\}\\}`, "g");
  for (const line of md.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) { inFence = !inFence; continue; }
    if (inFence) continue;
    for (const m of line.replace(/`[^`]*`/g, "").matchAll(re)) ids.push(m[1]);
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

/** The top-level claim boxes of a page (a box is `.claim`, whatever its element; parts inside it are not). */
const BOX = "main .claim:not(.claim .claim)";

/** Claim boxes in the open page that are wider than their own frame (something in them does not wrap). */
const overflowingBoxes = (page) => page.$$eval(BOX, (ds) => ds.filter((d) => d.scrollWidth > d.clientWidth + 1).map((d) => d.id));

/**
 * Tables, code panels, plots and images of the open page that do not fit: wider than their claim box (or,
 * outside boxes, than the chapter's column), or cut off inside an ancestor that scrolls or clips sideways
 * (mdBook's table wrapper scrolls: a table wider than it is hidden, not fitted). An ancestor may scroll
 * only if it is a declared scroll figure: class `figure-scroll`, or `--figure-scroll: 1` in the CSS.
 * A code panel's own lines may scroll inside it (a long line of code); the panel itself must fit.
 * Returns one description per element.
 */
const overflowing = (page) => page.evaluate(() => {
  const out = [];
  const declared = (el) => el.classList.contains("figure-scroll") || getComputedStyle(el).getPropertyValue("--figure-scroll").trim() === "1";
  const clips = (el) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const name = (el) => {
    const box = el.closest(".claim");
    const where = box ? `box ${box.id || "(no id)"}` : "the chapter";
    const what = el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
    return `${what} in ${where}`;
  };
  for (const el of document.querySelectorAll("main table, main pre, main svg, main img")) {
    if (el.closest("svg") && el.closest("svg") !== el) continue; // parts of an SVG
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not rendered (a closed fold)
    const container = el.closest(".claim") || el.closest("main");
    const c = container.getBoundingClientRect();
    const cs = getComputedStyle(container);
    const innerRight = c.right - parseFloat(cs.borderRightWidth);
    const innerLeft = c.left + parseFloat(cs.borderLeftWidth);
    let problem = null;
    let shown = r; // what must fit the container: the element, or the declared scroll figure holding it
    // Ancestors between the element and its container that scroll or clip it sideways.
    for (let a = el.parentElement; a && a !== container; a = a.parentElement) {
      if (clips(a) && a.scrollWidth > a.clientWidth + 1) {
        if (declared(a)) { shown = a.getBoundingClientRect(); break; }
        problem = `${Math.round(r.width)} px wide, cut off in a ${a.tagName.toLowerCase()}${a.className ? "." + String(a.className).trim().split(/\s+/).join(".") : ""} ${a.clientWidth} px wide that scrolls sideways`;
        break;
      }
    }
    if (!problem && (shown.right > innerRight + 1 || shown.left < innerLeft - 1)) {
      problem = `${Math.round(shown.width)} px wide, past the ${container.matches(".claim") ? "box" : "column"} (${Math.round(innerRight - innerLeft)} px)`;
    }
    if (problem) out.push(`${name(el)}: ${problem}`);
  }
  return out;
});

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
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const narrow = await browser.newContext({ viewport: { width: 400, height: 800 } });
const problems = [];
let checked = 0;
let directives = 0;
// The report: every page's height at 1280x800 and its claim boxes' heights (folds closed).
const report = { built: null, viewport: "1280x800", pages: [], boxes: {} };
const SCREEN = 800;
const MEDIAN_BOX_MAX = 400;
const MAX_SCREENS = 20;
const isChapter = (rel) => !rel.startsWith("appendix/") && rel !== "print.html" && rel !== "index.html";
fs.mkdirSync(shotDir, { recursive: true });
const shotName = (rel, width) => `top-${rel.replace(/\.html$/, "").replace(/[/.]/g, "_")}-${width}.png`;

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
    const source = fs.readFileSync(md, "utf8");
    const ids = claimDirectives(source);
    const examples = claimDirectives(source, "example-box");
    const want = ids.length;
    directives += want + examples.length;
    // The verdict: the badge of the slim box (.claim-badge), or the older box's .claim-verdict.
    const boxes = await page.$$eval(BOX, (ds) => ds.map((d) => !!d.querySelector(".claim-badge, .claim-verdict")));
    if (boxes.length !== want + examples.length) problems.push(`${rel}: ${want + examples.length} claim and example-box directives in the source, ${boxes.length} boxes on the page`);
    if (boxes.some((v) => !v)) problems.push(`${rel}: a claim box without a verdict`);
    // The code measured, open or folded: code in every box whose evidence keeps it.
    const withCode = [...ids, ...examples].filter(hasCode).length;
    const boxesWithCode = await page.$$eval(BOX, (ds) => ds.filter((d) => [...d.querySelectorAll("pre code")].some((c) => c.textContent.trim().length > 0)).length);
    if (boxesWithCode < withCode) problems.push(`${rel}: ${withCode} boxes' evidence keeps code, ${boxesWithCode} boxes show it`);
    const emptyPanels = await page.$$eval(`${BOX} .claim-code`, (ps) => ps.filter((p) => !p.querySelector("pre code") || p.querySelector("pre code").textContent.trim() === "").length);
    if (emptyPanels) problems.push(`${rel}: ${emptyPanels} code panel(s) with no code`);
    // Findings first: a page with boxes opens with its generated summary, whose links reach their boxes.
    if (want > 0 && isChapter(rel)) {
      const summary = await page.$$eval("main .page-summary", (ss) => ss.map((s) => [...s.querySelectorAll("a[href]")].map((a) => a.href)));
      if (summary.length === 0) problems.push(`${rel}: ${want} claim boxes and no summary (div.page-summary)`);
      // The summary is read at a glance: at 1280x800 it is at most one screen tall.
      const summaryHeight = await page.$eval("main .page-summary", (s) => s.getBoundingClientRect().height).catch(() => 0);
      if (summaryHeight > SCREEN) problems.push(`${rel}: its summary is ${Math.round(summaryHeight)} px tall, more than one screen (${SCREEN} px)`);
      for (const href of summary.flat()) {
        if (!href.startsWith(base)) continue;
        const t = new URL(href);
        const anchors = await anchorsOf(t.pathname);
        const id = decodeURIComponent(t.hash.slice(1));
        if (anchors === null) problems.push(`${rel}: the summary links to ${t.pathname}, which does not exist`);
        else if (id && !anchors.has(id)) problems.push(`${rel}: the summary links to ${t.pathname}#${id}, an anchor that page does not have`);
      }
    }
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
  // Height at 1280x800, as a reader first sees the page (folds closed), and every box's height.
  if (rel !== "print.html") {
    const { height, boxHeights } = await page.evaluate((sel) => ({
      height: document.documentElement.scrollHeight,
      boxHeights: [...document.querySelectorAll(sel)].map((d) => [d.id, Math.round(d.getBoundingClientRect().height)]),
    }), BOX);
    report.pages.push({ page: rel, height, screens: +(height / SCREEN).toFixed(1), boxes: boxHeights.length, chapter: isChapter(rel) });
    for (const [id, h] of boxHeights) report.boxes[`${rel}#${id}`] = h;
    if (isChapter(rel) && height > SCREEN * MAX_SCREENS) problems.push(`${rel}: ${height} px tall at 1280x800, ${(height / SCREEN).toFixed(1)} screens (at most ${MAX_SCREENS}): split the page`);
    if (isChapter(rel) || rel === "introduction.html") await page.screenshot({ path: path.join(shotDir, shotName(rel, 1280)), fullPage: false });
  }
  // Nothing cut off, at a desktop's width and a phone's, each page loaded at that width as a reader's
  // browser would (mdBook lays out its sidebar when the page loads); folds open, so what they hold is
  // checked too.
  if (rel !== "print.html") {
    for (const [ctx, width] of [[context, 1280], [narrow, 400]]) {
      const p = width === 1280 ? page : await ctx.newPage();
      if (p !== page) {
        await p.goto(url, { waitUntil: "load" });
        if (isChapter(rel) || rel === "introduction.html") await p.screenshot({ path: path.join(shotDir, shotName(rel, width)), fullPage: false });
      }
      await p.evaluate(() => document.querySelectorAll("main details").forEach((d) => (d.open = true)));
      // What does not fit, by element; a box wider than its frame for another reason (text that does not
      // wrap) on its own line.
      const parts = await overflowing(p);
      for (const o of parts) problems.push(`${rel}: at ${width} px, ${o}`);
      for (const id of await overflowingBoxes(p)) {
        if (!parts.some((o) => o.includes(` in box ${id}:`))) problems.push(`${rel}: at ${width} px, box ${id} is wider than its frame`);
      }
      if (await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) problems.push(`${rel}: at ${width} px, the page scrolls sideways`);
      // Charts legible on a phone: no text of a chart under 11 pixels as rendered.
      if (width === 400) {
        const small = await p.evaluate(() => [...document.querySelectorAll("main svg.measured-chart")].map((s) => {
          const r = s.getBoundingClientRect();
          const vb = s.viewBox && s.viewBox.baseVal;
          if (!vb || !vb.width || !r.width) return null;
          const sizes = [...s.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * r.width / vb.width);
          return sizes.length ? [s.getAttribute("aria-label") || "a chart", Math.min(...sizes)] : null;
        }).filter((x) => x && x[1] < 11));
        for (const [label, px] of small) problems.push(`${rel}: at 400 px, chart "${label}" has text of ${px.toFixed(1)} px (at least 11)`);
      }
      if (p !== page) await p.close();
    }
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
  const boxes = await page.$$eval(BOX, (ds) => ds.length);
  if (boxes !== directives) problems.push(`print.html: ${directives} claim and example-box directives in the chapters, ${boxes} boxes on the print page`);
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

// Screenshots for a person to look at, with a box's code open: desktop, and the narrow screen of a phone.
for (const [rel, width] of [["heap/index.html", 1280], ["lto/index.html", 1280], ["inlining/index.html", 1280], ["heap/index.html", 400], ["inlining/index.html", 400], ["appendix/drift.html", 1280], ["appendix/ledger.html", 1280]]) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(base + rel, { waitUntil: "load" });
  // The first box with code, its panel open.
  await page.evaluate(() => {
    const d = document.querySelector("details.claim-code");
    if (d) { d.open = true; d.closest(".claim").scrollIntoView(); }
  });
  await page.screenshot({ path: path.join(shotDir, `code-${rel.replace(/[/.]/g, "_")}_${width}.png`), fullPage: false });
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

// The control of the overflow check: a table 3000 pixels wide put into a claim box must be reported, at
// both widths. A detector that cannot fail is a defect.
{
  const victim = report.pages.find((p) => p.boxes > 0 && p.chapter);
  if (!victim) problems.push("control: no chapter page with a claim box to put a wide table into");
  else {
    for (const [ctx, width] of [[context, 1280], [narrow, 400]]) {
      const page = await ctx.newPage();
      await page.goto(base + victim.page, { waitUntil: "load" });
      const before = (await overflowing(page)).length;
      const where = await page.evaluate((sel) => {
        const box = document.querySelector(sel);
        const wrap = document.createElement("div");
        wrap.className = "table-wrapper"; // as mdBook wraps a table: it scrolls, so the table is hidden, not fitted
        wrap.innerHTML = "<table id=\"control-wide-table\"><tr><td style=\"min-width:3000px\">wide</td></tr></table>";
        box.appendChild(wrap);
        const bare = document.createElement("table");
        bare.id = "control-bare-table";
        bare.innerHTML = "<tr><td style=\"min-width:3000px\">wide</td></tr>";
        box.appendChild(bare);
        return box.id;
      }, BOX);
      const after = await overflowing(page);
      const found = after.filter((o) => o.includes(`box ${where}`)).length;
      if (after.length < before + 2 || found < 2) problems.push(`control: at ${width} px, two 3000-pixel tables put into box ${where} of ${victim.page} were not both reported (${after.length - before} new reports): the overflow check cannot fail`);
      else console.log(`control: at ${width} px, the overflow check reports the two 3000-pixel tables put into box ${where} of ${victim.page}`);
      await page.close();
    }
  }
}

// The report: page heights, and the claim boxes' heights with their median and distribution.
{
  const hs = Object.values(report.boxes).sort((a, b) => a - b);
  const q = (f) => hs.length ? hs[Math.min(hs.length - 1, Math.floor(f * (hs.length - 1) + 0.5))] : null;
  const buckets = [200, 300, 400, 500, 600, 800, 1000, 1500, 2000, Infinity];
  const distribution = {};
  let lo = 0;
  for (const b of buckets) {
    distribution[b === Infinity ? `${lo}+` : `${lo}-${b}`] = hs.filter((h) => h >= lo && h < b).length;
    lo = b;
  }
  const built = fs.existsSync(path.join(bookDir, "index.html")) ? fs.statSync(path.join(bookDir, "index.html")).mtime.toISOString() : null;
  report.built = built;
  report.boxHeights = { count: hs.length, min: q(0), p10: q(0.1), p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9), max: q(1), distribution };
  report.pages.sort((a, b) => b.height - a.height);
  fs.writeFileSync(path.join(shotDir, "report.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`book built ${built}; page heights at 1280x800 (tallest first):`);
  for (const p of report.pages) console.log(`  ${String(p.height).padStart(7)} px  ${String(p.screens).padStart(5)} screens  ${String(p.boxes).padStart(3)} boxes  ${p.page}${p.chapter ? "" : " (not a chapter)"}`);
  console.log(`claim boxes at 1280 px (folds closed): ${hs.length}, median ${report.boxHeights.median} px (p10 ${report.boxHeights.p10}, p90 ${report.boxHeights.p90}, max ${report.boxHeights.max}); distribution ${JSON.stringify(distribution)}`);
  // The box leads with the finding; its provenance is folded. A median box taller than this is a box
  // that buries its finding again.
  if (hs.length && report.boxHeights.median > MEDIAN_BOX_MAX) problems.push(`book: the median claim box is ${report.boxHeights.median} px tall at 1280 px (at most ${MEDIAN_BOX_MAX})`);
}

await browser.close();
server.close();
for (const p of problems) console.error(`error: ${p}`);
const failedPages = new Set(problems.map((p) => p.split(":")[0])).size;
console.log(`browser test: ${checked} pages checked, screenshots in ${shotDir}`);
console.log(`browser: ${Math.max(checked - failedPages, 0)} passed, ${failedPages} failed`);
process.exit(problems.length ? 1 : 0);
