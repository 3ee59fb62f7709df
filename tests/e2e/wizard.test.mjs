// The wizard end to end, as a user drives it: Debian's chromium (playwright-core, headless)
// against the real `tectonic gui` and a real awsim with AWS's latencies compressed in time. The
// account is seeded and the result judged with the AWS CLI, never through tectonic's client.
//
//   node --test tests/e2e/wizard.test.mjs      (BUILD_DIR defaults to ./build)
//
// Screenshots of every step go to $BUILD_DIR/e2e-artifacts/. E2E_WEB_DIST=web/dist serves the
// wizard from there instead of the copy embedded in tectonic (to iterate without a rebuild).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const buildDir = resolve(process.env.BUILD_DIR ?? join(repo, 'build'));
const artifacts = join(buildDir, 'e2e-artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIME_SCALE = process.env.E2E_TIME_SCALE ?? '20';

if (!existsSync(CHROMIUM)) {
  // ctest matches this line (SKIP_REGULAR_EXPRESSION); scripts/setup installs chromium.
  console.log(`SKIP: no chromium at ${CHROMIUM} (apt-get install chromium, or run scripts/setup)`);
  process.exit(0);
}
const { chromium } = await import('playwright-core');
const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

const work = mkdtempSync(join(tmpdir(), 'tectonic-e2e-'));
const home = join(work, 'home');
mkdirSync(home, { recursive: true });
rmSync(artifacts, { recursive: true, force: true }); // this run's screenshots only
mkdirSync(artifacts, { recursive: true });

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const LICENSE = `e2e-license-${Date.now()}-0123456789abcdef`;
const PULL_SECRET = JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('e2e:pull-secret-value').toString('base64') } } });
const PASSWORD = 'Correct-Horse-Battery-Staple-42';
const secrets = [SECRET, LICENSE, PULL_SECRET, 'pull-secret-value', PASSWORD];

let awsim, gui, browser, endpoint, url, bareVpc;
const procs = [];

/** Starts a process and resolves with the first line it prints on stdout. */
function firstLine(cmd, args, env) {
  const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(p);
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolveLine, reject) => {
    const rl = createInterface({ input: p.stdout });
    const timer = setTimeout(() => reject(new Error(`${cmd} printed no URL in 30 s:\n${stderr}`)), 30_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      resolveLine({ p, line: line.trim(), stderr: () => stderr });
    });
    p.once('error', (e) => reject(new Error(`${cmd}: ${e.message} (build it first: scripts/build tectonic awsim)`)));
    p.once('exit', (code) => reject(new Error(`${cmd} exited ${code} before printing its URL:\n${stderr}`)));
  });
}

const awsEnv = () => ({
  ...process.env,
  AWS_ACCESS_KEY_ID: KEY_ID,
  AWS_SECRET_ACCESS_KEY: SECRET,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  HOME: home,
});

/** One AWS CLI call against awsim; returns its JSON answer. */
function aws(...args) {
  const out = execFileSync('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], { env: awsEnv(), encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : null;
}

let shot = 0;
async function screenshot(page, name) {
  shot++;
  await page.screenshot({ path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** No axe-core violation of impact serious or critical on what the page shows now. */
async function axe(page, where) {
  // Evaluated through the DevTools protocol: the page's CSP (default-src 'self') still holds.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  axeChecked.push(where);
  assert.deepEqual(violations, [], `axe-core on ${where}`);
}
const axeChecked = [];

/** Next is disabled and the line under the step says why, in words matching `why`. */
async function expectBlocked(page, why) {
  const next = page.getByRole('button', { name: 'Next', exact: true });
  await page.locator('#blocker', { hasText: why }).waitFor({ timeout: 20_000 });
  assert.equal(await next.isDisabled(), true, `Next should be disabled (${why})`);
}

async function expectNextEnabled(page) {
  await page.locator('#blocker.ok').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Next', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).isEnabled(), true);
}

async function next(page, title) {
  await expectNextEnabled(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.locator('#step-title', { hasText: title }).waitFor();
}

/** Nothing secret in browser storage, cookies or the HTML. */
async function assertNoSecrets(page, context) {
  const found = await page.evaluate((list) => {
    const html = document.documentElement.outerHTML;
    const values = [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n');
    return {
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookie: document.cookie,
      inHtml: list.filter((s) => html.includes(s) || values.includes(s)),
    };
  }, secrets);
  assert.deepEqual(found, { localStorage: 0, sessionStorage: 0, cookie: '', inHtml: [] });
  assert.deepEqual(await context.cookies(), []);
  assert.ok(!page.url().includes(SECRET));
}

before(async () => {
  const a = await firstLine(join(buildDir, 'bin/awsim'), ['serve', '--port', '0', '--latency', 'realistic', '--time-scale', TIME_SCALE]);
  awsim = a.p;
  endpoint = a.line;
  // What a user already has: a VPC without an internet gateway, and only a private hosted zone.
  bareVpc = aws('ec2', 'create-vpc', '--cidr-block', '10.50.0.0/16').Vpc.VpcId;
  aws('route53', 'create-hosted-zone', '--name', 'internal.example', '--caller-reference', `e2e-private-${Date.now()}`, '--vpc', `VPCRegion=us-east-1,VPCId=${bareVpc}`, '--hosted-zone-config', 'PrivateZone=true');
  aws('ec2', 'create-key-pair', '--key-name', 'e2e-key');
  aws('ec2', 'register-image', '--name', 'Flatcar-stable-4081.2.0-hvm', '--architecture', 'x86_64', '--root-device-name', '/dev/xvda', '--virtualization-type', 'hvm', '--block-device-mappings', 'DeviceName=/dev/xvda,Ebs={VolumeSize=8}');
  const g = await firstLine(join(buildDir, 'bin/tectonic'), ['gui', '--no-open', '--dir', join(work, 'cluster'), '--endpoint-url', endpoint], { HOME: home, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  gui = g.p;
  url = g.line;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
}, { timeout: 90_000 });

after(async () => {
  await browser?.close();
  for (const p of procs.reverse()) p.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
  console.log(`axe-core checked: ${axeChecked.join(', ')}`);
});

test('the wizard from credentials to Done, then Destroy, judged with the AWS CLI', { timeout: 240_000 }, async () => {
  try {
    await wizard();
  } catch (e) {
    // What the page showed when it failed, beside the step screenshots.
    for (const [i, p] of openPages.entries()) await p.screenshot({ path: join(artifacts, `failure-${i}.png`), fullPage: true }).catch(() => {});
    throw e;
  }
});

const openPages = [];
async function wizard() {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  if (process.env.E2E_WEB_DIST) {
    // Developing the wizard: serve web/dist as it is now instead of what tectonic embedded.
    const dist = resolve(process.env.E2E_WEB_DIST);
    await context.route(/^http:\/\/127\.0\.0\.1:\d+\/(?!api\/)/, (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = join(dist, path === '/' ? 'index.html' : path);
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
      route.fulfill({ body: readFileSync(existsSync(file) ? file : join(dist, 'index.html')), contentType: type, headers: { 'Content-Security-Policy': "default-src 'self'" } });
    });
  }
  const page = await context.newPage();
  openPages.push(page);
  const cspErrors = [];
  page.on('console', (m) => m.type() === 'error' && cspErrors.push(m.text()));
  await page.goto(url);
  await page.locator('#step-title', { hasText: 'Credentials' }).waitFor();
  await axe(page, 'credentials');
  await screenshot(page, 'credentials-empty');

  // Bad key: AWS does not know it.
  await page.getByLabel('Access key ID', { exact: true }).fill('AKIAAAAAAAAAAAAAAAAA');
  await page.getByLabel('Secret access key', { exact: true }).fill('x'.repeat(40));
  await expectBlocked(page, /Access key ID|credentials/);
  await page.locator('#blocker', { hasNotText: 'Checking' }).waitFor();
  await page.locator('.error:visible').first().waitFor();
  // The error is tied to its input for assistive technology.
  const described = await page.getByLabel('Access key ID', { exact: true }).evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    text: (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
  }));
  assert.equal(described.invalid, 'true');
  assert.match(described.text, /invalid|unknown|not/i);
  await screenshot(page, 'credentials-bad-key');

  // Temporary credentials that expire before the install would end.
  const sts = aws('sts', 'get-session-token', '--duration-seconds', '900').Credentials;
  secrets.push(sts.SecretAccessKey, sts.SessionToken);
  await page.getByText('Temporary credentials', { exact: true }).click();
  await page.getByLabel('Access key ID', { exact: true }).fill(sts.AccessKeyId);
  await page.getByLabel('Secret access key', { exact: true }).fill(sts.SecretAccessKey);
  await page.getByLabel('Session token', { exact: true }).fill(sts.SessionToken);
  await page.getByLabel('Expires at', { exact: true }).fill(sts.Expiration);
  await expectBlocked(page, /Session token/);
  await screenshot(page, 'credentials-expiring');

  // A good access key: the identity shows, the secret leaves the page.
  await page.getByText('Access key', { exact: true }).click();
  await page.getByLabel('Access key ID', { exact: true }).fill(KEY_ID);
  await page.getByLabel('Secret access key', { exact: true }).fill(SECRET);
  await page.locator('.identity.ok').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByLabel('Secret access key', { exact: true }).inputValue(), '');
  await page.getByLabel('Region', { exact: true }).selectOption('us-east-1');
  await expectNextEnabled(page);
  await axe(page, 'credentials (verified)');
  await screenshot(page, 'credentials-ok');
  await next(page, 'Cluster');

  // Cluster: only a private zone exists.
  await page.getByLabel('Cluster name', { exact: true }).fill('e2e');
  await expectBlocked(page, /no public Route 53 hosted zone/);
  assert.equal(await page.locator('select[name=hostedZoneId] option:disabled', { hasText: 'internal.example' }).count(), 1);
  await screenshot(page, 'cluster-private-zone-only');
  aws('route53', 'create-hosted-zone', '--name', 'example.com', '--caller-reference', `e2e-public-${Date.now()}`);
  await page.getByRole('button', { name: 'Refresh zones' }).click();
  await page.locator('select[name=hostedZoneId] option:not(:disabled)', { hasText: 'example.com' }).waitFor({ state: 'attached' });
  await page.getByLabel('Base domain', { exact: true }).selectOption({ label: 'example.com' });
  // Missing license, then an invalid one.
  await expectBlocked(page, /License/);
  await page.getByLabel('License file').setInputFiles({ name: 'license.txt', mimeType: 'text/plain', buffer: Buffer.from('') });
  await page.locator('.error:visible', { hasText: /licen/i }).waitFor({ timeout: 20_000 });
  await expectBlocked(page, /icense/);
  await screenshot(page, 'cluster-invalid-license');
  await page.getByLabel('License file').setInputFiles({ name: 'license.txt', mimeType: 'text/plain', buffer: Buffer.from(LICENSE + '\n') });
  await page.getByLabel('Pull secret file').setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(PULL_SECRET) });
  await expectNextEnabled(page);
  await axe(page, 'cluster');
  await screenshot(page, 'cluster-ok');
  await next(page, 'Certificate authority');

  await expectNextEnabled(page);
  await axe(page, 'ca');
  await screenshot(page, 'ca');
  // Keyboard only: Tab from the heading reaches Next, Enter goes on.
  await page.locator('#step-title').focus();
  for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Next'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Next', 'Tab reaches Next');
  await page.keyboard.press('Enter');
  await page.locator('#step-title', { hasText: 'SSH key pair' }).waitFor();

  await page.getByLabel('SSH key pair', { exact: true }).selectOption('e2e-key');
  await expectNextEnabled(page);
  await axe(page, 'ssh');
  await screenshot(page, 'ssh');
  await next(page, 'KMS');

  await expectNextEnabled(page);
  await axe(page, 'kms');
  await screenshot(page, 'kms');
  await next(page, 'Nodes');

  for (const pool of ['Master nodes', 'Worker nodes', 'etcd nodes']) await page.getByLabel(`${pool}: count`).fill('1');
  await expectNextEnabled(page);
  await axe(page, 'nodes');
  await screenshot(page, 'nodes');
  await next(page, 'Networking');

  // A reload mid-wizard reopens at the first step not yet checked, the earlier ones still valid.
  await page.reload();
  await page.locator('#step-title', { hasText: 'Networking' }).waitFor();
  await page.getByRole('button', { name: 'Step 6: Nodes, done' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Step 1: Credentials & region, done' }).waitFor({ timeout: 30_000 });

  // Overlapping subnets are refused as you type.
  const master0 = await page.locator('input[name="masterSubnets[0]"]').inputValue();
  const worker0 = page.locator('input[name="workerSubnets[0]"]');
  const workerWas = await worker0.inputValue();
  await worker0.fill(master0);
  await page.locator('.error:visible', { hasText: 'overlaps' }).waitFor();
  await expectBlocked(page, /overlaps/);
  await screenshot(page, 'networking-overlap');
  await worker0.fill(workerWas);
  // An existing VPC without an internet gateway.
  await page.getByText('Use an existing VPC', { exact: true }).click();
  await page.getByLabel('Existing VPC', { exact: true }).selectOption(bareVpc);
  // The server's answer (under the field or in the step's list), not the hint text.
  await page.locator('.error:visible, .server-errors:visible li', { hasText: /internet gateway/i }).first().waitFor({ timeout: 20_000 });
  await expectBlocked(page, /internet gateway|VPC/i);
  assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).isDisabled(), true);
  await screenshot(page, 'networking-no-igw');
  await page.getByText('Create a new VPC', { exact: true }).click();
  await expectNextEnabled(page);
  await axe(page, 'networking');
  await screenshot(page, 'networking-ok');
  await next(page, 'Console login');

  await page.getByLabel('Admin email', { exact: true }).fill('admin@example.com');
  await page.getByLabel('Admin password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await expectNextEnabled(page);
  await page.locator('.saved:visible').first().waitFor();
  await axe(page, 'console');
  await screenshot(page, 'console');
  await next(page, 'Review');

  const install = page.getByRole('button', { name: 'Install', exact: true });
  await page.locator('#blocker.ok').waitFor({ timeout: 60_000 });
  await axe(page, 'review');
  await screenshot(page, 'review');
  await assertNoSecrets(page, context);

  // cluster.yaml downloads through fetch + blob.
  const [yamlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download cluster.yaml/ }).click()]);
  const yaml = readFileSync(await yamlDownload.path(), 'utf8');
  assert.match(yaml, /name: e2e/);
  for (const s of secrets) assert.ok(!yaml.includes(s), 'cluster.yaml holds no secret');

  await install.click();
  await page.locator('#step-title', { hasText: 'Installing' }).waitFor();
  await page.locator('table.resources tbody tr').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'installing');

  // Reload during the install: it reconnects to the same run (the stream replays what it
  // missed), and a second tab sees the same progress.
  const finished = async (p) => Number(/^(\d+) of/.exec(await p.locator('#progress-text').textContent())[1]);
  const before = await finished(page);
  await page.reload();
  await page.locator('#step-title', { hasText: 'Installing e2e' }).waitFor();
  await page.waitForFunction((n) => Number(/^(\d+) of/.exec(document.getElementById('progress-text')?.textContent ?? '')?.[1] ?? -1) >= n, before);
  const second = await context.newPage();
  openPages.push(second);
  await second.goto(url);
  // (On a slow machine the install may have ended by now: the same run, seen whole.)
  await second.locator('#step-title', { hasText: /Installing e2e|ready/ }).waitFor();
  await second.waitForFunction((n) => Number(/^(\d+) of/.exec(document.getElementById('progress-text')?.textContent ?? '')?.[1] ?? -1) >= n, before);
  assert.ok((await finished(second)) > 0, 'the second tab shows the resources already done');
  await axe(second, 'install progress');
  await screenshot(second, 'install-second-tab');

  await page.locator('#step-title', { hasText: 'Your cluster is ready' }).waitFor({ timeout: 150_000 });
  await second.locator('#step-title', { hasText: 'Your cluster is ready' }).waitFor({ timeout: 30_000 });
  await second.close();
  await axe(page, 'done');
  await screenshot(page, 'done');
  const clusterId = (await page.locator('dt:has-text("Cluster ID") + dd').textContent()).trim();
  assert.ok(clusterId.length > 0);

  const [kube] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download kubeconfig' }).click()]);
  assert.equal(kube.suggestedFilename(), 'kubeconfig');
  const kubeconfig = join(work, 'kubeconfig');
  await kube.saveAs(kubeconfig);
  const view = execFileSync('kubectl', ['config', 'view', '--kubeconfig', kubeconfig, '-o', 'json'], { encoding: 'utf8' });
  assert.ok(JSON.parse(view).clusters.length >= 1, 'kubectl reads the downloaded kubeconfig');
  await assertNoSecrets(page, context);

  // Destroy from the GUI, then the AWS CLI's word that nothing is left.
  await page.getByRole('button', { name: 'Destroy', exact: true }).first().click();
  await page.getByRole('button', { name: 'Yes, destroy e2e' }).click();
  await page.locator('#step-title', { hasText: /Destroying|destroyed/ }).waitFor();
  // Destroy streams its own progress: resources being deleted appear as it runs.
  await page.waitForFunction(() => document.querySelectorAll('table.resources tbody tr').length > 0, null, { timeout: 60_000 });
  await screenshot(page, 'destroying');
  await page.locator('#step-title', { hasText: 'e2e is destroyed' }).waitFor({ timeout: 120_000 });
  await page.getByText('Nothing is left').waitFor();
  await axe(page, 'destroyed');
  await screenshot(page, 'destroyed');
  await assertNoSecrets(page, context);

  const tagged = aws('resourcegroupstaggingapi', 'get-resources', '--tag-filters', `Key=tectonicClusterID,Values=${clusterId}`).ResourceTagMappingList;
  const left = [];
  for (const r of tagged) {
    const arn = r.ResourceARN;
    if (/:instance\/|:natgateway\//.test(arn)) continue; // checked by state below
    if (arn.startsWith('arn:aws:kms:')) {
      const state = aws('kms', 'describe-key', '--key-id', arn).KeyMetadata.KeyState;
      if (state !== 'PendingDeletion') left.push(`${arn} (${state})`);
      continue;
    }
    left.push(arn);
  }
  const instances = aws('ec2', 'describe-instances', '--filters', `Name=tag:tectonicClusterID,Values=${clusterId}`).Reservations.flatMap((r) => r.Instances).filter((i) => i.State.Name !== 'terminated');
  const nats = aws('ec2', 'describe-nat-gateways', '--filter', `Name=tag:tectonicClusterID,Values=${clusterId}`).NatGateways.filter((n) => n.State !== 'deleted');
  left.push(...instances.map((i) => i.InstanceId), ...nats.map((n) => n.NatGatewayId));
  assert.deepEqual(left, [], 'nothing tagged with the cluster is left');
  assert.deepEqual(cspErrors.filter((e) => /Content Security Policy/.test(e)), [], 'no CSP violation');
  await context.close();
}
