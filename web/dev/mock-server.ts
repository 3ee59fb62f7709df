// A stand-in for `tectonic gui` that answers docs/gui-api.md with canned data, for working on
// the page without AWS: `npm run build && npm run dev` prints the URL to open. Not a test double
// of the real checks; the e2e test runs the real server.

import { createServer, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const token = randomBytes(32).toString('hex');
let phase = 'wizard';
const have = { credentials: false, license: false, pullSecret: false, ca: false, adminPassword: false };
let identity: unknown = null;
let failNext = process.env.MOCK_FAIL === '1'; // the first install fails, to show the failure view
const events: { id: number; event: string; data: unknown }[] = [];
const streams = new Set<ServerResponse>();

function json(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
const ok = (extra = {}) => ({ ok: true, errors: [], ...extra });
const bad = (field: string, message: string) => ({ ok: false, errors: [{ field, message }] });

function emit(event: string, data: unknown) {
  const e = { id: events.length + 1, event, data };
  events.push(e);
  for (const s of streams) s.write(`id: ${e.id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function runInstall(kind: 'create' | 'destroy') {
  events.length = 0;
  phase = kind === 'create' ? 'installing' : 'destroying';
  const keys = ['vpc', 'igw', 'subnet-a', 'subnet-b', 'nat-a', 'nat-b', 'kms', 'role-master', 'lb-api', 'asg-masters', 'asg-workers', 'dns-api'];
  let seq = 0;
  const ev = (type: string, extra = {}) => emit('engine', { seq: ++seq, time: new Date().toISOString(), type, ...extra });
  ev('phase_started', { key: kind, total: keys.length });
  keys.forEach((k, i) => {
    setTimeout(() => ev(kind === 'create' ? 'node_started' : 'node_deleting', { key: k, kind: 'ec2.' + k.split('-')[0] }), 100 + i * 150);
    setTimeout(() => ev(kind === 'create' ? 'node_done' : 'node_deleted', { key: k, kind: 'ec2.' + k.split('-')[0], detail: `${k}-0123`, elapsed_ms: 700 + i * 90 }), 900 + i * 250);
  });
  setTimeout(() => {
    if (failNext) {
      failNext = false;
      ev('node_failed', { key: 'asg-masters', kind: 'autoscaling.group', detail: 'Need at least 1 healthy instance in the group; 0 are InService after 10 min' });
      phase = 'failed';
      emit('phase', { phase, failure: 'The master Auto Scaling group never got a healthy instance (autoscaling.group asg-masters). Its instances failed their health checks: see the log below.' });
      return;
    }
    phase = kind === 'create' ? 'done' : 'destroyed';
    emit('phase', { phase, failure: null });
  }, 1400 + keys.length * 250);
}

const done = () => ({
  apiUrl: 'https://demo-api.example.com:6443',
  consoleUrl: 'https://demo.example.com',
  clusterId: 'b9f1c2de-0000-4000-8000-1234567890ab',
  kubeconfig: 'auth/kubeconfig',
  commands: { status: 'tectonic status --dir /tmp/demo', destroy: 'tectonic destroy cluster --dir /tmp/demo' },
  leftovers: [],
});

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/api/')) {
    const file = join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
    const path = existsSync(file) && !file.endsWith('/') ? file : join(dist, 'index.html');
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', 'Content-Security-Policy': "default-src 'self'" });
    res.end(readFileSync(path));
    return;
  }
  if (req.headers['x-tectonic-token'] !== token) return json(res, req.headers['x-tectonic-token'] ? 403 : 401, { error: 'bad token' });
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    let text = '';
    for await (const c of req) text += c;
    body = text ? JSON.parse(text) : {};
  }
  const p = url.pathname.slice(4);
  switch (`${req.method} ${p}`) {
    case 'GET /session':
      return json(res, 200, { phase, dir: '/tmp/demo', step: 'credentials', config: { name: '', aws: { region: 'us-east-1' } }, have, identity, failure: null });
    case 'GET /profiles':
      return json(res, 200, { profiles: ['default', 'prod'] });
    case 'POST /credentials': {
      if (body.accessKeyId !== 'AKIAIOSFODNN7EXAMPLE' && body.mode !== 'profile') return json(res, 200, bad('accessKeyId', 'AWS does not know this access key ID (InvalidClientTokenId): check it in IAM › Users › Security credentials'));
      identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/demo', expiration: null, outlastsInstall: null };
      have.credentials = true;
      return json(res, 200, ok({ identity }));
    }
    case 'GET /regions':
      return json(res, 200, { regions: ['us-east-1', 'us-west-2', 'eu-west-1'] });
    case 'POST /region':
      return json(res, 200, ok({ zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }));
    case 'GET /zones':
      return json(res, 200, { zones: [{ id: 'Z1', name: 'example.com.', private: false, disabledReason: '' }, { id: 'Z2', name: 'internal.example.', private: true, disabledReason: 'private zone: the API name must resolve publicly' }] });
    case 'POST /cluster':
      return json(res, 200, ok());
    case 'POST /license':
      have.license = String(body.content).length > 10;
      return json(res, 200, have.license ? ok() : bad('tectonic.license', 'the license is empty or truncated: download license.txt again from your account'));
    case 'POST /pull-secret':
      have.pullSecret = true;
      return json(res, 200, ok());
    case 'POST /ca':
    case 'POST /ssh-key':
    case 'POST /kms':
    case 'POST /nodes':
      return json(res, 200, ok());
    case 'POST /networking':
      return json(res, 200, body.mode === 'existing' ? bad('vpcId', `${body.vpcId} has no internet gateway: attach one (VPC › Internet gateways › Attach)`) : ok());
    case 'POST /console':
      if (body.adminPassword) have.adminPassword = true;
      return json(res, 200, { ...(body.adminPassword || (body.adminPassword === undefined && have.adminPassword) ? ok() : bad('adminPassword', 'choose a password')), rule: 'at least 12 characters with 3 of: lower case, upper case, digits, symbols' });
    case 'GET /key-pairs':
      return json(res, 200, { keyPairs: ['demo-key'], fix: '' });
    case 'GET /kms-keys':
      return json(res, 200, { keys: [{ arn: 'arn:aws:kms:us-east-1:123456789012:key/1', alias: 'alias/prod', enabled: true, disabledReason: '' }, { arn: 'arn:aws:kms:us-east-1:123456789012:key/2', alias: 'alias/old', enabled: false, disabledReason: 'disabled' }] });
    case 'GET /instance-types':
      return json(res, 200, { types: ['m5.large', 'm5.xlarge', 't3.large'] });
    case 'GET /vpcs':
      return json(res, 200, { vpcs: [{ id: 'vpc-0abc', cidr: '10.50.0.0/16', name: 'legacy', subnets: [] }] });
    case 'POST /review':
      return json(res, 200, {
        ok: true,
        preflight: [
          { id: 'credentials', status: 'pass', message: 'Credentials work (123456789012)', fix: '' },
          { id: 'quotas.eip', status: 'warn', message: '3 of 5 Elastic IPs in use; the cluster needs 3', fix: 'ask for a higher quota' },
          { id: 'dns.zone', status: 'pass', message: 'example.com is public', fix: '' },
        ],
        plan: { counts: { 'ec2.subnet': 6, 'ec2.instance': 3, 'elbv2.lb': 2 }, total: 12, criticalPath: [{ key: 'vpc', kind: 'ec2.vpc', seconds: 2 }, { key: 'nat-a', kind: 'ec2.nat', seconds: 95 }, { key: 'asg-masters', kind: 'autoscaling.group', seconds: 240 }], expectedSeconds: 410 },
      });
    case 'GET /cluster.yaml':
      res.writeHead(200, { 'Content-Type': 'text/yaml' });
      return res.end('name: demo\n');
    case 'POST /install':
    case 'POST /retry':
      runInstall('create');
      return json(res, 200, { ok: true });
    case 'POST /destroy':
      runInstall('destroy');
      return json(res, 200, { ok: true });
    case 'GET /done':
      return json(res, 200, done());
    case 'GET /kubeconfig':
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('apiVersion: v1\nkind: Config\nclusters: []\n');
    case 'GET /events': {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      const after = Number(req.headers['last-event-id'] ?? 0);
      for (const e of events) if (e.id > after) res.write(`id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
  }
  json(res, 404, { error: `no ${req.method} ${p}` });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address();
  if (a && typeof a === 'object') console.log(`http://127.0.0.1:${a.port}/#token=${token}`);
});
