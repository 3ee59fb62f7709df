// The wizard's shell: reads the token, asks the server where the session is, and shows the
// steps, the review, or the running operation (install / destroy) it reconnects to.

import './style.css';
import { Api, ApiError, tokenFromHash, type Done, type EngineEvent, type Phase, type PhaseEvent, type Review, type Session } from './api.ts';
import { append, formatSeconds, h, replace, saveBlob, type Child } from './dom.ts';
import { Progress } from './progress.ts';
import { followStream } from './sse.ts';
import { makeSteps, type Ctx, type Step } from './steps/index.ts';
import { Scope } from './ui.ts';

const root = document.getElementById('app')!;
const api = new Api(tokenFromHash(location.hash));

interface Bench {
  /** [engine event time, arrival in the page], epoch ms. */
  events: [number, number][];
}
// Numbers for bench/gui (engine event → arrival in the page); holds nothing secret.
const bench: Bench = { events: [] };
(window as unknown as { __tectonicBench: Bench }).__tectonicBench = bench;

let ctx: Ctx;
let steps: Step[] = [];
let current = 0;
const visited = new Set<number>();
let scope = new Scope();
let review: Review | null = null;
let reviewError = '';
let reviewing = false;

function fatal(title: string, body: Child): void {
  replace(root, h('main', { class: 'fatal', id: 'main' }, h('h1', {}, title), h('p', {}, body)));
}

function header(): HTMLElement {
  const id = ctx.session.identity;
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'tectonic', h('span', { class: 'sub' }, 'installer')),
    h(
      'div',
      { class: 'meta' },
      ctx.session.config.name ? h('span', {}, h('span', { class: 'muted' }, 'cluster '), ctx.session.config.name) : null,
      id ? h('span', {}, h('span', { class: 'muted' }, 'account '), id.account) : null,
      ctx.session.dir ? h('span', { class: 'mono muted', title: 'cluster directory' }, ctx.session.dir) : null,
    ),
  );
}

// --- The wizard ------------------------------------------------------------------------------

const REVIEW = 8;

function stepValid(i: number): boolean {
  return i < steps.length ? steps[i].form.valid : review?.ok === true;
}

function reachable(i: number): boolean {
  if (visited.has(i)) return true;
  for (let j = 0; j < i; j++) if (!stepValid(j)) return false;
  return true;
}

function go(i: number): void {
  scope.dispose();
  scope = new Scope();
  current = i;
  visited.add(i);
  renderWizard();
  const step = steps[i];
  if (step) {
    void arrive(step);
  } else if (i === REVIEW) {
    void runReview();
  }
  (document.getElementById('step-title') as HTMLElement | null)?.focus();
}

/** Loads a step's lists and runs the checks that never ran (values from cluster.yaml, defaults). */
async function arrive(step: Step): Promise<void> {
  await step.enter?.();
  for (const [key, spec] of Object.entries(step.form.serverChecks)) {
    const st = step.form.checkState(key);
    // Satisfied = the server already holds it (a secret the page no longer has): not re-sent.
    if (spec.satisfiedWhen?.(step.form.values)) continue;
    if (!st.pending && !st.answer && !st.failure) await step.form.check(key);
  }
}

function sidebar(): HTMLElement {
  const titles = [...steps.map((s) => s.title), 'Review & install'];
  const items = titles.map((title, i) => {
    const btn = h(
      'button',
      { type: 'button', class: 'step-link', onclick: () => go(i) },
      h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)),
      h('span', { class: 'title' }, title),
      h('span', { class: 'state' }),
    );
    const update = () => {
      const valid = i < steps.length ? steps[i].form.valid : false;
      btn.disabled = !reachable(i) && i !== current;
      btn.classList.toggle('current', i === current);
      btn.classList.toggle('valid', valid && visited.has(i));
      if (i === current) btn.setAttribute('aria-current', 'step');
      else btn.removeAttribute('aria-current');
      const state = btn.querySelector('.state')!;
      state.textContent = valid && visited.has(i) ? '✓' : '';
      btn.setAttribute('aria-label', `Step ${i + 1}: ${title}${valid && visited.has(i) ? ', done' : ''}`);
    };
    for (const s of steps) scope.watch(s.form, update);
    return h('li', {}, btn);
  });
  return h('nav', { class: 'steps', 'aria-label': 'Installer steps' }, h('ol', {}, items));
}

/** The blocker line keeps what is wrong; a long fix stays with its field's error above. */
function brief(b: string): string {
  const fix = b.indexOf('; fix:');
  return b.length > 160 && fix > 0 ? `${b.slice(0, fix)} (the fix is shown above)` : b;
}

function renderWizard(): void {
  const step = steps[current];
  const blocker = h('p', { id: 'blocker', class: 'blocker', role: 'status', 'aria-live': 'polite' });
  const next = h('button', { type: 'submit', class: 'primary', 'aria-describedby': 'blocker' }, current === REVIEW ? 'Install' : 'Next');
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => go(current - 1), disabled: current === 0 }, 'Back');
  let body: Child;
  let onSubmit: () => void = () => {};
  const form = h('form', { class: 'step-form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), onSubmit()) });
  if (step) {
    body = step.render(scope);
    scope.watch(step.form, () => {
      const b = step.form.blocker();
      next.disabled = b !== null;
      blocker.textContent = b ? `Next is blocked — ${brief(b)}` : 'All set: Next to continue.';
      blocker.classList.toggle('ok', b === null);
    });
    // What the server found about fields this view does not show (or shows hidden).
    const others = h('ul', { class: 'callout bad server-errors', 'aria-label': 'Problems the check found' });
    scope.watch(step.form, () => {
      const msgs: string[] = [];
      for (const key of Object.keys(step.form.serverChecks)) {
        for (const e of step.form.checkState(key).answer?.errors ?? []) {
          const el = form.querySelector<HTMLElement>(`[name="${CSS.escape(e.field)}"]`);
          if (!el || el.closest('[hidden]')) msgs.push(e.message);
        }
      }
      others.hidden = msgs.length === 0;
      replace(others, msgs.map((m) => h('li', {}, m)));
    });
    body = [body, others];
    onSubmit = () => {
      if (step.form.valid) go(current + 1);
      else step.form.touchAll();
    };
  } else {
    body = h('div', { id: 'review' });
    onSubmit = () => void install();
  }
  append(form, [body, h('div', { class: 'actions' }, back, blocker, next)]);
  replace(
    root,
    header(),
    h(
      'div',
      { class: 'layout' },
      sidebar(),
      h(
        'main',
        { id: 'main', class: 'panel' },
        h('p', { class: 'eyebrow' }, `Step ${current + 1} of 9`),
        h('h1', { id: 'step-title', tabindex: '-1' }, step ? step.title : 'Review & install'),
        h('p', { class: 'intro' }, step ? step.intro : 'The full preflight against your account and the plan tectonic will carry out. Nothing has been created yet.'),
        form,
      ),
    ),
  );
  if (!step) drawReview();
}

async function runReview(): Promise<void> {
  reviewing = true;
  reviewError = '';
  drawReview();
  try {
    review = await api.post<Review>('/review');
    ctx.expectedSeconds = review.plan?.expectedSeconds ?? null;
  } catch (e) {
    review = null;
    reviewError = e instanceof Error ? e.message : String(e);
  }
  reviewing = false;
  drawReview();
}

function reviewBlocker(): string | null {
  for (let i = 0; i < steps.length; i++) {
    const b = steps[i].form.blocker();
    if (b) return `step ${i + 1} (${steps[i].title}): ${b}`;
  }
  if (reviewing) return 'running the preflight checks…';
  if (reviewError) return reviewError;
  if (!review) return 'the preflight has not run';
  const failing = review.preflight.filter((p) => p.status === 'fail');
  if (failing.length) return `${failing.length} preflight check${failing.length > 1 ? 's' : ''} fail: ${failing[0].message}`;
  if (!review.ok) return review.errors?.[0]?.message ?? 'the preflight did not pass';
  return null;
}

const STATUS_ICON: Record<string, string> = { pass: '✓', fail: '✕', warn: '!', skip: '–' };

function drawReview(): void {
  const box = document.getElementById('review');
  if (!box) return;
  const next = root.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const blocker = document.getElementById('blocker')!;
  const b = reviewBlocker();
  next.disabled = b !== null;
  blocker.textContent = b ? `Install is blocked — ${b}` : `Ready: Install creates ${review?.plan?.total ?? 0} resources.`;
  blocker.classList.toggle('ok', b === null);
  const download = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          saveBlob(await api.blob('/cluster.yaml'), 'cluster.yaml');
        } catch (e) {
          alert(e instanceof Error ? e.message : String(e));
        }
      },
    },
    '⤓ Download cluster.yaml',
  );
  if (reviewing) {
    replace(box, h('p', { class: 'checking', role: 'status' }, 'Running the preflight checks against your account…'));
    return;
  }
  if (!review) {
    replace(box, reviewError ? h('div', { class: 'callout bad', role: 'alert' }, reviewError) : null, h('button', { type: 'button', class: 'secondary', onclick: () => void runReview() }, 'Run the checks again'));
    return;
  }
  const plan = review.plan;
  const counts = plan ? Object.entries(plan.counts).sort((a, b) => b[1] - a[1]) : [];
  const summary = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const p of review.preflight) summary[p.status]++;
  replace(
    box,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'pf-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'pf-title' }, 'Preflight'), h('p', { class: 'muted' }, `${summary.pass} pass · ${summary.warn} warn · ${summary.fail} fail${summary.skip ? ` · ${summary.skip} skipped` : ''}`), h('button', { type: 'button', class: 'link', onclick: () => void runReview() }, 'Re-run')),
      h(
        'ul',
        { class: 'checklist' },
        review.preflight.map((p) =>
          h(
            'li',
            { class: `check ${p.status}` },
            h('span', { class: 'icon', 'aria-hidden': 'true' }, STATUS_ICON[p.status]),
            h('span', { class: 'visually-hidden' }, `${p.status}: `),
            h('div', {}, p.title ? h('p', { class: 'check-title' }, p.title) : null, h('p', { class: 'msg' }, p.message), p.status !== 'pass' && p.fix ? h('p', { class: 'fix' }, h('strong', {}, 'Fix: '), p.fix) : null, h('p', { class: 'check-id mono' }, p.id)),
          ),
        ),
      ),
    ),
    plan &&
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'plan-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'plan-title' }, 'Plan'), h('p', { class: 'muted' }, `${plan.total} resources · expected ${formatSeconds(plan.expectedSeconds)} on AWS`)),
      plan.notes?.length ? h('ul', { class: 'notes' }, plan.notes.map((n) => h('li', {}, n))) : null,
      h('div', { class: 'counts' }, counts.map(([kind, n]) => h('div', { class: 'count' }, h('span', { class: 'n' }, String(n)), h('span', { class: 'kind mono' }, kind)))),
      h('h3', {}, 'Critical path'),
      h('p', { class: 'hint' }, 'The chain of resources that sets the install\'s duration.'),
      h(
        'ol',
        { class: 'critical' },
        plan.criticalPath.map((s) => h('li', {}, h('span', { class: 'mono' }, s.key), h('span', { class: 'muted' }, ` ${s.kind}`), h('span', { class: 'secs' }, formatSeconds(s.seconds)))),
      ),
    ),
    h('div', { class: 'row' }, download),
  );
}

async function install(): Promise<void> {
  try {
    await api.post('/install');
  } catch (e) {
    const blocker = document.getElementById('blocker');
    if (blocker) blocker.textContent = `Install could not start — ${e instanceof Error ? e.message : String(e)}`;
    if (!(e instanceof ApiError && e.status === 409)) return;
  }
  await showOperation('installing');
}

// --- Install, failure, done, destroy -----------------------------------------------------------

let phase: Phase = 'wizard';
let failure: string | null = null;
let progress = new Progress();
let done: Done | null = null;
let stream: AbortController | null = null;
let connected = true;
let ticker: number | null = null;

async function showOperation(p: Phase): Promise<void> {
  phase = p;
  scope.dispose();
  if (phase === 'done' || phase === 'destroyed') await loadDone();
  drawOperation();
  follow();
  if (ticker === null) ticker = window.setInterval(() => drawLive(), 1000);
}

async function loadDone(): Promise<void> {
  try {
    done = await api.get<Done>('/done');
  } catch {
    done = null;
  }
}

function follow(): void {
  stream?.abort();
  const abort = new AbortController();
  stream = abort;
  void followStream(
    {
      open: (lastId, signal) => api.events(lastId, signal),
      onConnection: (c) => {
        connected = c;
        drawLive();
      },
      onMessage: (m) => {
        if (m.event === 'engine') {
          const e = JSON.parse(m.data) as EngineEvent;
          if (e.seq === undefined && m.id) e.seq = Number(m.id);
          bench.events.push([Date.parse(e.time), Date.now()]);
          if (bench.events.length > 5000) bench.events.shift();
          if (progress.apply(e)) scheduleDraw();
        } else if (m.event === 'phase') {
          const p = JSON.parse(m.data) as PhaseEvent;
          void onPhase(p.phase, p.failure);
        } else if (m.event === 'done') {
          done = JSON.parse(m.data) as Done;
          void onPhase('done', null);
        }
      },
    },
    abort.signal,
  );
}

async function onPhase(p: Phase, why: string | null): Promise<void> {
  if (p === phase && why === failure) return;
  const newOperation = (p === 'destroying' && phase !== 'destroying') || (p === 'installing' && phase !== 'installing');
  phase = p;
  failure = why;
  if (newOperation) {
    // A new operation's stream starts over: follow it from its first event.
    progress = new Progress();
    follow();
  }
  if (p === 'done' || p === 'destroyed') await loadDone();
  if (p === 'wizard') {
    location.reload();
    return;
  }
  drawOperation();
}

let drawQueued = false;
function scheduleDraw(): void {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    drawLive();
  });
}

const TITLES: Record<Phase, string> = {
  wizard: '',
  installing: 'Installing',
  failed: 'The install stopped',
  done: 'Your cluster is ready',
  destroying: 'Destroying',
  destroyed: 'Destroyed',
};

function clusterName(): string {
  return String(steps[1]?.form.values.name || ctx.session.config.name || 'the cluster');
}

function drawOperation(): void {
  const name = clusterName();
  const main = h('main', { id: 'main', class: 'panel wide' });
  replace(root, header(), h('div', { class: 'layout single' }, main));
  const live = h('div', { id: 'live' });
  const title = phase === 'installing' || phase === 'destroying' ? `${TITLES[phase]} ${name}` : phase === 'destroyed' ? `${name} is destroyed` : TITLES[phase];
  // Once it is over, the record of the run folds away under the result.
  const record =
    phase === 'done' || phase === 'destroyed'
      ? h('details', { class: 'record' }, h('summary', {}, phase === 'done' ? 'How the install went: resources, long poles, log' : 'How the destroy went: resources, log'), live)
      : live;
  replace(main, h('h1', { id: 'step-title', tabindex: '-1' }, title), statusBlock(), record);
  drawLive();
}

/** Stops the running operation; the journal is kept, so Retry (or the CLI) resumes it. */
function stopButton(): HTMLElement {
  const box = h('div', { class: 'confirm' });
  const ask = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        replace(
          box,
          h('p', { role: 'alert' }, 'Stop now? What exists stays; Retry resumes from the journal.'),
          h('button', { type: 'button', class: 'danger', onclick: () => void api.post('/cancel').catch((e) => alert(e instanceof Error ? e.message : String(e))) }, 'Yes, stop'),
          h('button', { type: 'button', class: 'secondary', onclick: () => replace(box, ask) }, 'Keep going'),
        );
        (box.querySelector('button') as HTMLButtonElement).focus();
      },
    },
    'Stop',
  );
  box.append(ask);
  return box;
}

function statusBlock(): Child {
  const name = clusterName();
  if (phase === 'installing' || phase === 'destroying') {
    return h(
      'div',
      { class: 'row running' },
      h('p', { class: 'checking' }, phase === 'installing' ? 'Creating resources on AWS. You can close this page: the install goes on, and reopening the URL reconnects to it.' : 'Deleting everything tectonic created for this cluster.'),
      stopButton(),
    );
  }
  if (phase === 'failed') {
    return h(
      'section',
      { class: 'callout bad', role: 'alert' },
      h('h2', {}, 'What went wrong'),
      h('p', { class: 'reason' }, failure || 'The operation stopped before it finished.'),
      failedNodes(),
      h('p', {}, 'Retry resumes from the journal: what was already created is kept. Destroy removes everything tectonic created for this cluster.'),
      h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', onclick: () => void act('/retry') }, 'Retry'), destroyButton(name)),
    );
  }
  if (phase === 'done' && done) {
    return h(
      'section',
      { class: 'card success' },
      h('dl', { class: 'facts' }, h('dt', {}, 'API'), h('dd', { class: 'mono' }, done.apiUrl), h('dt', {}, 'Console'), h('dd', {}, h('a', { href: done.consoleUrl, target: '_blank', rel: 'noopener noreferrer' }, done.consoleUrl)), h('dt', {}, 'Cluster ID'), h('dd', { class: 'mono' }, done.clusterId)),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => saveBlob(await api.blob('/kubeconfig'), 'kubeconfig'),
          },
          'Download kubeconfig',
        ),
      ),
      h('h2', {}, 'From the command line'),
      h('pre', { class: 'cmd' }, `# status\n${done.commands.status}\n\n# destroy\n${done.commands.destroy}\n\n# kubectl\nkubectl --kubeconfig ./kubeconfig get nodes`),
      h('div', { class: 'danger-zone' }, h('h2', {}, 'Destroy'), h('p', {}, 'Deletes every AWS resource tectonic created for this cluster, then proves none is left.'), destroyButton(name)),
    );
  }
  if (phase === 'destroyed') {
    const left = done?.leftovers ?? null;
    return h(
      'section',
      { class: left && left.length === 0 ? 'card success' : 'callout bad', role: 'status' },
      left === null
        ? h('p', {}, 'Destroy finished; the leftovers check could not be loaded.')
        : left.length === 0
          ? [
              h('h2', {}, '✓ Nothing is left'),
              h('p', { id: 'leftovers' }, `No AWS resource tagged with this cluster's ID${done?.clusterId ? ` (${done.clusterId})` : ''} remains in the account.`),
              progress.nodes.size ? h('p', { class: 'muted' }, `${progress.finishedCount} resources deleted.`) : null,
            ]
          : [h('h2', {}, `${left.length} resource${left.length > 1 ? 's' : ''} left behind`), h('ul', { id: 'leftovers' }, left.map((l) => h('li', { class: 'mono' }, l))), h('div', { class: 'row' }, destroyButton(name))],
    );
  }
  return null;
}

function failedNodes(): Child {
  const failed = progress.failed();
  if (!failed.length) return null;
  return h('ul', { class: 'failed-nodes' }, failed.map((n) => h('li', {}, h('span', { class: 'mono' }, n.key), ` (${n.kind}): ${n.detail}`)));
}

function destroyButton(name: string): HTMLElement {
  const box = h('div', { class: 'confirm' });
  const ask = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      onclick: () => {
        replace(
          box,
          h('p', { role: 'alert' }, `Destroy ${name} and everything tectonic created for it?`),
          h('button', { type: 'button', class: 'danger', onclick: () => void act('/destroy') }, `Yes, destroy ${name}`),
          h('button', { type: 'button', class: 'secondary', onclick: () => replace(box, ask) }, 'Cancel'),
        );
        (box.querySelector('button') as HTMLButtonElement).focus();
      },
    },
    'Destroy',
  );
  box.append(ask);
  return box;
}

async function act(path: string): Promise<void> {
  try {
    await api.post(path);
    await onPhase(path === '/destroy' ? 'destroying' : 'installing', null);
  } catch (e) {
    alert(e instanceof Error ? e.message : String(e));
  }
}

function drawLive(): void {
  const live = document.getElementById('live');
  if (!live) return;
  const now = Date.now();
  const running = phase === 'installing' || phase === 'destroying';
  const total = Math.max(progress.total, progress.nodes.size);
  const pct = Math.round(progress.fraction * 100);
  const elapsed = progress.startedAt ? ((progress.finishedAt ?? now) - progress.startedAt) / 1000 : 0;
  const expected = phase === 'installing' ? ctx.expectedSeconds : null;
  const bar = h('div', { class: 'bar' });
  bar.style.width = `${pct}%`;
  const verb = progress.operation === 'destroy' || phase === 'destroying' || phase === 'destroyed' ? 'deleted' : 'ready';
  const poles = longPoles(now);
  const nodes = [...progress.nodes.values()];
  const active = nodes.filter((n) => !n.finished);
  const finished = nodes.filter((n) => n.finished);
  const rows = [...active, ...finished.reverse()];
  const logPane = document.getElementById('log');
  const stick = !logPane || logPane.scrollTop + logPane.clientHeight >= logPane.scrollHeight - 8;
  replace(
    live,
    !connected && running ? h('p', { class: 'callout warn', role: 'status' }, 'Reconnecting to tectonic… (the install keeps running)') : null,
    h(
      'section',
      { class: 'card', 'aria-label': 'Overall progress' },
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Overall progress', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct) }, bar),
      h('p', { class: 'progress-text', id: 'progress-text' }, `${progress.finishedCount} of ${total || '…'} resources ${verb} · ${pct}% · ${formatSeconds(elapsed)} elapsed${expected ? ` · about ${formatSeconds(expected)} expected on AWS` : ''}`),
    ),
    poles.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'poles-title' },
          h('h2', { id: 'poles-title' }, 'Long poles'),
          h('p', { class: 'hint' }, expected ? 'The critical path: the resources that set how long this takes.' : 'The slowest resources so far.'),
          h('table', { class: 'poles' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Resource'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Elapsed'), h('th', { scope: 'col' }, 'Expected on AWS'))), h('tbody', {}, poles)),
        )
      : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'res-title' },
      h('h2', { id: 'res-title' }, `Resources (${nodes.length})`),
      h(
        'div',
        { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Resources table' },
        h(
          'table',
          { class: 'resources' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Resource'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Elapsed'), h('th', { scope: 'col' }, 'Detail'))),
          h(
            'tbody',
            {},
            rows.map((n) =>
              h(
                'tr',
                { class: `st-${n.status}` },
                h('td', { class: 'mono' }, n.key),
                h('td', { class: 'mono muted' }, n.kind),
                h('td', {}, h('span', { class: `pill ${n.status}` }, n.status)),
                h('td', { class: 'num' }, formatSeconds(progress.elapsedOf(n, now) / 1000)),
                h('td', { class: 'detail' }, n.detail),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'log-title' },
      h('h2', { id: 'log-title' }, 'Log'),
      h('pre', { id: 'log', class: 'log', role: 'log', tabindex: '0', 'aria-label': 'Install log' }, progress.log.slice(-400).join('\n')),
    ),
  );
  const pane = document.getElementById('log');
  if (pane && stick) pane.scrollTop = pane.scrollHeight;
}

function longPoles(now: number): Child[] {
  const plan = review?.plan;
  if (plan && phase !== 'destroying' && progress.operation !== 'destroy') {
    return plan.criticalPath
      .filter((s) => s.seconds >= 1)
      .map((s) => {
        const n = progress.nodes.get(s.key);
        return h('tr', {}, h('td', { class: 'mono' }, s.key), h('td', {}, h('span', { class: `pill ${n?.status ?? 'pending'}` }, n?.status ?? 'pending')), h('td', { class: 'num' }, n ? formatSeconds(progress.elapsedOf(n, now) / 1000) : '–'), h('td', { class: 'num' }, formatSeconds(s.seconds)));
      });
  }
  return [...progress.nodes.values()]
    .sort((a, b) => progress.elapsedOf(b, now) - progress.elapsedOf(a, now))
    .slice(0, 5)
    .filter((n) => progress.elapsedOf(n, now) >= 1000)
    .map((n) => h('tr', {}, h('td', { class: 'mono' }, n.key), h('td', {}, h('span', { class: `pill ${n.status}` }, n.status)), h('td', { class: 'num' }, formatSeconds(progress.elapsedOf(n, now) / 1000)), h('td', { class: 'num' }, '–')));
}

// --- Start ------------------------------------------------------------------------------------

async function start(): Promise<void> {
  if (!api.hasToken) {
    fatal('Open the link tectonic printed', ['This page needs the URL that ', h('code', {}, 'tectonic gui'), ' printed, ending in ', h('code', {}, '#token=…'), '. The token proves you started it; it is never stored.']);
    return;
  }
  let session: Session;
  try {
    session = await api.get<Session>('/session');
  } catch (e) {
    fatal('Cannot reach tectonic', e instanceof Error ? e.message : String(e));
    return;
  }
  ctx = { api, session, zones: session.config.aws?.zones ?? [], expectedSeconds: null };
  steps = makeSteps(ctx);
  failure = session.failure;
  if (session.phase !== 'wizard') {
    await showOperation(session.phase);
    return;
  }
  const order = ['credentials', 'cluster', 'ca', 'ssh', 'kms', 'nodes', 'networking', 'console', 'review'];
  const at = Math.max(0, order.indexOf(session.step));
  for (let i = 0; i < at; i++) visited.add(i);
  go(at);
  // A reopened wizard: the steps already answered are checked again in the background, so
  // the step list and the review know they still hold.
  for (let i = 0; i < Math.min(at, steps.length); i++) {
    if (i !== current) await arrive(steps[i]);
  }
}

void start();
