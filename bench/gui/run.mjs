#!/usr/bin/env node
// bench/gui: how quick and light `tectonic gui` is, measured in Debian's chromium.
//
//   node bench/gui/run.mjs [--build-dir build] [--runs 5] [--results FILE|-]
//
// 1. First paint: from spawning `tectonic gui` to the page's first paint (Performance API),
//    against a bound measured in the same run: the same web/dist served by a minimal Node
//    static server, spawned and painted the same way.
// 2. Bundle: web/dist gzip -9 sizes.
// 3. Event delay: engine event time (the event's own timestamp) to its arrival in the page,
//    for events emitted while the page was open, during a real install against awsim.
// 4. Server memory: VmRSS of the tectonic gui process idle (page open), and its peak while
//    the install runs (sampled every 50 ms).
// Targets (issue 11): first paint < 1 s, bundle < 250 KB gzip, event delay < 250 ms, RSS < 60 MB.
// Needs tests/e2e's npm packages (scripts/setup) and bin/tectonic + bin/awsim.

import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const buildDir = resolve(arg('--build-dir', process.env.BUILD_DIR ?? join(repo, 'build')));
const runs = Number(arg('--runs', '5'));
const resultsArg = arg('--results', join(repo, 'bench/results', `${new Date().toISOString().slice(0, 10)}-gui.md`));
const { chromium } = await import(join(repo, 'tests/e2e/node_modules/playwright-core/index.mjs'));

const work = mkdtempSync(join(tmpdir(), 'tectonic-bench-gui-'));
const home = join(work, 'home');
mkdirSync(home);
const procs = [];
const now = () => performance.timeOrigin + performance.now();
const say = (m) => process.stderr.write(`bench/gui: ${m}\n`);

function firstLine(cmd, args, env = {}) {
  const p = spawn(cmd, args, { env: { ...process.env, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(p);
  return new Promise((res, rej) => {
    createInterface({ input: p.stdout }).once('line', (line) => res({ p, line: line.trim() }));
    p.once('error', (e) => rej(new Error(`${cmd}: ${e.message}`)));
    p.once('exit', (c) => rej(new Error(`${cmd} exited ${c}`)));
  });
}
const stop = (p) =>
  new Promise((res) => (p.exitCode !== null || p.signalCode !== null ? res() : (p.once('exit', res), p.kill('SIGTERM'))));
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });

/** Spawns a server printing its URL, opens it, returns ms from spawn to first paint. */
async function paint(cmd, args, env) {
  const page = await browser.newPage();
  const t0 = now();
  const { p, line } = await firstLine(cmd, args, env);
  await page.goto(line);
  await page.waitForFunction(() => performance.getEntriesByName('first-paint').length > 0);
  const fp = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-paint')[0].startTime);
  await page.close();
  await stop(p);
  return fp - t0;
}

// 1. First paint, tectonic vs a minimal static server of the same files.
const staticServer = `
const http = require('http'), fs = require('fs'), path = require('path');
const dist = process.argv[1];
const s = http.createServer((q, r) => {
  const f = path.join(dist, q.url === '/' ? 'index.html' : q.url.split('#')[0]);
  fs.readFile(fs.existsSync(f) ? f : path.join(dist, 'index.html'), (e, b) => {
    r.writeHead(200, { 'Content-Type': f.endsWith('.js') ? 'text/javascript' : f.endsWith('.css') ? 'text/css' : 'text/html' });
    r.end(b);
  });
});
s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port + '/'));`;
const tect = [];
const bound = [];
for (let i = 0; i < runs; i++) {
  tect.push(await paint(join(buildDir, 'bin/tectonic'), ['gui', '--no-open', '--dir', join(work, `paint-${i}`)]));
  bound.push(await paint(process.execPath, ['-e', staticServer, join(repo, 'web/dist')]));
}

say(`first paint: tectonic ${tect.map(Math.round)} ms, static ${bound.map(Math.round)} ms`);
// 2. Bundle size.
const dist = join(repo, 'web/dist');
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(dist);
const gz = files.map((f) => ({ f: f.slice(dist.length + 1), raw: statSync(f).size, gz: gzipSync(readFileSync(f), { level: 9 }).length }));
const gzTotal = gz.reduce((a, b) => a + b.gz, 0);

// 3 + 4. An install against awsim, the page open, the server's memory sampled.
const { line: endpoint } = await firstLine(join(buildDir, 'bin/awsim'), ['serve', '--port', '0', '--latency', 'realistic', '--time-scale', '20']);
const aws = (...a) =>
  execFileSync('aws', ['--endpoint-url', endpoint, '--output', 'json', ...a], {
    env: { ...process.env, HOME: home, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', AWS_DEFAULT_REGION: 'us-east-1' },
  });
aws('route53', 'create-hosted-zone', '--name', 'example.com', '--caller-reference', `bench-${Date.now()}`);
aws('ec2', 'create-key-pair', '--key-name', 'bench-key');
aws('ec2', 'register-image', '--name', 'Flatcar-stable-4081.2.0-hvm', '--architecture', 'x86_64', '--root-device-name', '/dev/xvda', '--virtualization-type', 'hvm', '--block-device-mappings', 'DeviceName=/dev/xvda,Ebs={VolumeSize=8}');

const { p: gui, line: url } = await firstLine(join(buildDir, 'bin/tectonic'), ['gui', '--no-open', '--dir', join(work, 'cluster'), '--endpoint-url', endpoint]);
const origin = new URL(url).origin;
const token = new URL(url).hash.replace('#token=', '');
const call = async (method, path, body) => {
  const r = await fetch(origin + '/api' + path, {
    method,
    headers: { 'X-Tectonic-Token': token, Origin: origin, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const j = await r.json();
  if (!r.ok || j.ok === false) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(j).slice(0, 400)}`);
  return j;
};
const page = await browser.newPage();
await page.goto(url);
await page.locator('#step-title').waitFor();
await new Promise((r) => setTimeout(r, 1000));
const idleKiB = rssKiB(gui.pid);

await call('POST', '/credentials', { mode: 'static', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' });
const { zones } = await call('POST', '/region', { region: 'us-east-1' });
const zone = (await call('GET', '/zones')).zones.find((z) => !z.private);
await call('POST', '/cluster', { name: 'bench', baseDomain: zone.name.replace(/\.$/, ''), hostedZoneId: zone.id, tags: {} });
await call('POST', '/license', { content: `bench-license-${Date.now()}-0123456789abcdef\n` });
await call('POST', '/pull-secret', { content: JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('b:c').toString('base64') } } }) });
await call('POST', '/ca', { mode: 'generate' });
await call('POST', '/ssh-key', { name: 'bench-key' });
await call('POST', '/kms', { mode: 'create' });
const pool = (n) => ({ count: n, instanceType: 'm5.large', rootVolumeGiB: 50, rootVolumeType: 'gp3' });
await call('POST', '/nodes', { masters: pool(1), workers: pool(1), etcd: pool(1) });
const sub = (i) => `10.0.${i * 16}.0/20`;
await call('POST', '/networking', {
  mode: 'new',
  cidr: '10.0.0.0/16',
  masterSubnets: zones.map((_, i) => sub(i)),
  workerSubnets: zones.map((_, i) => sub(zones.length + i)),
  podCidr: '10.2.0.0/16',
  serviceCidr: '10.3.0.0/16',
  natGateways: 'perZone',
});
await call('POST', '/console', { adminEmail: 'admin@example.com', adminPassword: 'Correct-Horse-Battery-Staple-42' });
await call('POST', '/review');
say('wizard answered through the API; installing');
await call('POST', '/install');
await page.reload(); // the page finds the install running and follows its events
await page.locator('#step-title', { hasText: 'Installing' }).waitFor();
const openedAt = Date.now(); // events before this were replayed, not live
let peakKiB = idleKiB;
const t0 = Date.now();
for (;;) {
  peakKiB = Math.max(peakKiB, rssKiB(gui.pid));
  const { phase } = await call('GET', '/session');
  if (phase === 'done' || phase === 'failed') break;
  if (Date.now() - t0 > 300_000) throw new Error('install did not end in 5 min');
  await new Promise((r) => setTimeout(r, 50));
}
say(`install ended; peak RSS ${peakKiB} KiB`);
await page.locator('#step-title', { hasText: 'ready' }).waitFor({ timeout: 30_000 });
const pairs = await page.evaluate(() => window.__tectonicBench.events);
const chromiumVersion = browser.version();
const delays = pairs.filter(([t]) => t >= openedAt).map(([t, got]) => got - t);
await browser.close();
await stop(gui);
for (const p of procs) await stop(p);
rmSync(work, { recursive: true, force: true });

const ms = (x) => `${Math.round(x)} ms`;
const buildType = /CMAKE_BUILD_TYPE:STRING=(\w*)/.exec(readFileSync(join(buildDir, 'CMakeCache.txt'), 'utf8'))?.[1] || 'unknown build type';
const report = `# tectonic gui: first paint, bundle, event delay, memory (${new Date().toISOString()})

Build: \`${buildDir}\` (${buildType}); chromium ${chromiumVersion}; ${runs} runs each; 2-core shared machine.

| measure | value | bound / target | ratio |
|---|---|---|---|
| first paint from \`tectonic gui\` spawn (median of ${runs}) | ${ms(median(tect))} (runs: ${tect.map(ms).join(', ')}) | static Node server of the same files: ${ms(median(bound))}; target < 1000 ms | ${(median(tect) / median(bound)).toFixed(2)} |
| bundle, gzip -9 | ${(gzTotal / 1024).toFixed(1)} KB (${gz.map((g) => `${g.f} ${(g.gz / 1024).toFixed(1)} KB`).join(', ')}) | target < 250 KB | ${(gzTotal / 1024 / 250).toFixed(2)} of target |
| engine event → page, ${delays.length} live events | p50 ${ms(pct(delays, 50))}, p95 ${ms(pct(delays, 95))}, max ${ms(Math.max(...delays))} | target < 250 ms | ${(pct(delays, 95) / 250).toFixed(2)} of target (p95) |
| server RSS idle (page open) | ${(idleKiB / 1024).toFixed(1)} MB | target < 60 MB | ${(idleKiB / 1024 / 60).toFixed(2)} of target |
| server RSS peak during install | ${(peakKiB / 1024).toFixed(1)} MB | target < 60 MB | ${(peakKiB / 1024 / 60).toFixed(2)} of target |
`;
console.log(report);
if (resultsArg !== '-') writeFileSync(resultsArg, report);
