// The wizard view: the step list, each step's form with the line that says what blocks Next,
// and the review (preflight checklist, plan, cluster.yaml download, Install).

import { ApiError, type Review } from './api.ts';
import { api, app, header, root } from './app.ts';
import { append, formatSeconds, h, replace, saveBlob, type Child } from './dom.ts';
import { showOperation } from './operation.ts';
import type { Step } from './steps/index.ts';
import { Scope } from './ui.ts';

let current = 0;
export const visited = new Set<number>();
let reviewError = '';
let reviewing = false;

export function currentStep(): number {
  return current;
}


const REVIEW = 8;

function stepValid(i: number): boolean {
  return i < app.steps.length ? app.steps[i].form.valid : app.review?.ok === true;
}

function reachable(i: number): boolean {
  if (visited.has(i)) return true;
  for (let j = 0; j < i; j++) if (!stepValid(j)) return false;
  return true;
}

export function go(i: number): void {
  app.scope.dispose();
  app.scope = new Scope();
  current = i;
  visited.add(i);
  renderWizard();
  const step = app.steps[i];
  if (step) {
    void arrive(step);
  } else if (i === REVIEW) {
    void runReview();
  }
  (document.getElementById('step-title') as HTMLElement | null)?.focus();
}

/** Loads a step's lists and runs the checks that never ran (values from cluster.yaml, defaults). */
export async function arrive(step: Step): Promise<void> {
  await step.enter?.();
  for (const [key, spec] of Object.entries(step.form.serverChecks)) {
    const st = step.form.checkState(key);
    // Satisfied = the server already holds it (a secret the page no longer has): not re-sent.
    if (spec.satisfiedWhen?.(step.form.values)) continue;
    if (!st.pending && !st.answer && !st.failure) await step.form.check(key);
  }
}

function sidebar(): HTMLElement {
  const titles = [...app.steps.map((s) => s.title), 'Review & install'];
  const items = titles.map((title, i) => {
    const btn = h(
      'button',
      { type: 'button', class: 'step-link', onclick: () => go(i) },
      h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)),
      h('span', { class: 'title' }, title),
      h('span', { class: 'state' }),
    );
    const update = () => {
      const valid = i < app.steps.length ? app.steps[i].form.valid : false;
      btn.disabled = !reachable(i) && i !== current;
      btn.classList.toggle('current', i === current);
      btn.classList.toggle('valid', valid && visited.has(i));
      if (i === current) btn.setAttribute('aria-current', 'step');
      else btn.removeAttribute('aria-current');
      const state = btn.querySelector('.state')!;
      state.textContent = valid && visited.has(i) ? '✓' : '';
      btn.setAttribute('aria-label', `Step ${i + 1}: ${title}${valid && visited.has(i) ? ', done' : ''}`);
    };
    for (const s of app.steps) app.scope.watch(s.form, update);
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
  const step = app.steps[current];
  const blocker = h('p', { id: 'blocker', class: 'blocker', role: 'status', 'aria-live': 'polite' });
  const next = h('button', { type: 'submit', class: 'primary', 'aria-describedby': 'blocker' }, current === REVIEW ? 'Install' : 'Next');
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => go(current - 1), disabled: current === 0 }, 'Back');
  let body: Child;
  let onSubmit: () => void = () => {};
  const form = h('form', { class: 'step-form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), onSubmit()) });
  if (step) {
    body = step.render(app.scope);
    app.scope.watch(step.form, () => {
      const b = step.form.blocker();
      next.disabled = b !== null;
      blocker.textContent = b ? `Next is blocked — ${brief(b)}` : 'All set: Next to continue.';
      blocker.classList.toggle('ok', b === null);
    });
    // What the server found about fields this view does not show (or shows hidden).
    const others = h('ul', { class: 'callout bad server-errors', 'aria-label': 'Problems the check found' });
    app.scope.watch(step.form, () => {
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
    app.review = await api.post<Review>('/review');
    app.ctx.expectedSeconds = app.review.plan?.expectedSeconds ?? null;
  } catch (e) {
    app.review = null;
    reviewError = e instanceof Error ? e.message : String(e);
  }
  reviewing = false;
  drawReview();
}

function reviewBlocker(): string | null {
  for (let i = 0; i < app.steps.length; i++) {
    const b = app.steps[i].form.blocker();
    if (b) return `step ${i + 1} (${app.steps[i].title}): ${b}`;
  }
  if (reviewing) return 'running the preflight checks…';
  if (reviewError) return reviewError;
  if (!app.review) return 'the preflight has not run';
  const failing = app.review.preflight.filter((p) => p.status === 'fail');
  if (failing.length) return `${failing.length} preflight check${failing.length > 1 ? 's' : ''} fail: ${failing[0].message}`;
  if (!app.review.ok) return app.review.errors?.[0]?.message ?? 'the preflight did not pass';
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
  blocker.textContent = b ? `Install is blocked — ${b}` : `Ready: Install creates ${app.review?.plan?.total ?? 0} resources.`;
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
  if (!app.review) {
    replace(box, reviewError ? h('div', { class: 'callout bad', role: 'alert' }, reviewError) : null, h('button', { type: 'button', class: 'secondary', onclick: () => void runReview() }, 'Run the checks again'));
    return;
  }
  const plan = app.review.plan;
  const counts = plan ? Object.entries(plan.counts).sort((a, b) => b[1] - a[1]) : [];
  const summary = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const p of app.review.preflight) summary[p.status]++;
  replace(
    box,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'pf-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'pf-title' }, 'Preflight'), h('p', { class: 'muted' }, `${summary.pass} pass · ${summary.warn} warn · ${summary.fail} fail${summary.skip ? ` · ${summary.skip} skipped` : ''}`), h('button', { type: 'button', class: 'link', onclick: () => void runReview() }, 'Re-run')),
      h(
        'ul',
        { class: 'checklist' },
        app.review.preflight.map((p) =>
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
