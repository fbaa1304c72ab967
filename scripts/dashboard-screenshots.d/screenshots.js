// Pictures of the Aspire dashboard (scripts/dashboard-screenshots): Debian's Chromium, headless, driven by
// puppeteer-core. The dashboard is a Blazor Server app: a page is only taken once its own text shows
// it has rendered what it is meant to show (each shot's `ready`), then after a short settle.
//   node screenshots.js --dashboard URL --out DIR --trace TRACEID[:FILE] … --metrics RESOURCE/METER/INSTRUMENT
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

function parseArgs(argv) {
  const args = { dashboard: "http://localhost:15000", out: "docs", traces: [], metrics: null, chromium: "/usr/bin/chromium", resources: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    switch (key) {
      case "--dashboard": args.dashboard = value.replace(/\/$/, ""); break;
      case "--out": args.out = value; break;
      case "--trace": args.traces.push(value); break;
      case "--metrics": args.metrics = value; break;
      case "--chromium": args.chromium = value; break;
      case "--expect": args.resources = value.split(",").filter(Boolean); break;
      default: throw new Error(`unknown argument ${key}`);
    }
  }
  return args;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits until ready(text of the page) holds (polling the rendered text), at most timeoutMs; returns
// whether it did, so a shot that never gets ready is still taken (and reported) for a look.
async function waitForText(page, ready, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = await page.evaluate(() => document.body ? document.body.innerText : "").catch(() => "");
    if (ready(text)) return { ok: true, text };
    await sleep(500);
  }
  return { ok: false, text };
}

// The dashboard's banners (unsecured endpoints, no development certificate: true of this local
// setup, and said in README) would take a fifth of each picture; they are dismissed.
async function dismissBanners(page) {
  for (let i = 0; i < 5; i++) {
    const buttons = await page.$$(".dashboard-message-bar-dismiss");
    if (buttons.length === 0) return;
    await buttons[0].click().catch(() => {});
    await sleep(300);
  }
}

async function shoot(page, { name, url, ready, settleMs = 2500, timeoutMs = 60000, before, grow = false }, out) {
  await page.setViewport({ width: 1600, height: 1000, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
  let result = await waitForText(page, ready, timeoutMs);
  if (result.ok && before) {
    await before(page);
    result = await waitForText(page, ready, timeoutMs);
  }
  await dismissBanners(page);
  if (grow) {
    // A long trace scrolls inside its grid: the page is made tall enough to show every span.
    const overflow = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll("*")]
      .map((e) => e.scrollHeight - e.clientHeight)));
    await page.setViewport({ width: 1600, height: Math.min(2400, 1000 + overflow), deviceScaleFactor: 1 });
    await sleep(1000);
  }
  await sleep(settleMs);
  const file = path.join(out, name);
  await page.screenshot({ path: file, type: "png" });
  const size = fs.statSync(file).size;
  const excerpt = result.text.replace(/\s+/g, " ").slice(0, 300);
  console.log(`${result.ok ? "ok  " : "WAIT"} ${file} (${size} bytes) ${url}\n     ${excerpt}`);
  return result.ok;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.out, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    // root in a VM without user namespaces: Chromium's sandbox cannot start.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US", "--window-size=1600,1000"],
    defaultViewport: { width: 1600, height: 1000, deviceScaleFactor: 1 },
  });
  let ok = true;
  try {
    const page = await browser.newPage();
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await page.setExtraHTTPHeaders({ "Accept-Language": "en-US,en;q=0.9" });

    // Resources: every expected resource listed, none still starting or unhealthy.
    ok = (await shoot(page, {
      name: "dashboard-resources.png",
      url: `${args.dashboard}/`,
      ready: (text) => text.includes("Running")
        && args.resources.every((r) => text.includes(r))
        && !/\b(Starting|Waiting|Not started|Unhealthy|Finished|Exited|Failed)\b/.test(text),
      timeoutMs: 120000,
    }, args.out)) && ok;

    // Traces: the waterfall of each trace, once the spans of its services are drawn.
    for (const spec of args.traces) {
      const [traceId, file, services] = spec.split(":");
      const expected = (services || "").split(",").filter(Boolean);
      ok = (await shoot(page, {
        name: file || "dashboard-trace.png",
        url: `${args.dashboard}/traces/detail/${traceId}`,
        ready: (text) => text.includes(traceId.slice(0, 7)) && expected.every((s) => text.includes(s)),
        settleMs: 3000,
        grow: true,
      }, args.out)) && ok;
    }

    // Metrics: one instrument of one resource as a graph (the dashboard's own query string).
    if (args.metrics) {
      const [resource, meter, instrument] = args.metrics.split("/");
      const query = new URLSearchParams({ meter, instrument, duration: "5", view: "Graph" });
      ok = (await shoot(page, {
        name: "dashboard-metrics.png",
        url: `${args.dashboard}/metrics/resource/${resource}?${query}`,
        ready: (text) => text.includes(instrument) && !/No data|Loading/i.test(text),
        settleMs: 5000,
      }, args.out)) && ok;
    }
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => { console.error(error); process.exit(2); });
