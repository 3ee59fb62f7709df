// The running operation and its outcome: install progress from the engine's events (SSE,
// replayed on reconnect), failure with Retry/Destroy, Done with the kubeconfig, destroy and
// the proof that nothing is left.

import type { Done, EngineEvent, Phase, PhaseEvent } from './api.ts';
import { api, app, clusterName, header, root } from './app.ts';
import { formatSeconds, h, replace, saveBlob, type Child } from './dom.ts';
import { Progress } from './progress.ts';
import { followStream } from './sse.ts';

interface Bench {
  /** [engine event time, arrival in the page], epoch ms. */
  events: [number, number][];
}
// Numbers for bench/gui (engine event → arrival in the page); holds nothing secret.
const bench: Bench = { events: [] };
(window as unknown as { __tectonicBench: Bench }).__tectonicBench = bench;


let phase: Phase = 'wizard';
let failure: string | null = null;

export function setFailure(f: string | null): void {
  failure = f;
}
let progress = new Progress();
let done: Done | null = null;
let stream: AbortController | null = null;
let connected = true;
let ticker: number | null = null;

export async function showOperation(p: Phase): Promise<void> {
  phase = p;
  app.scope.dispose();
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
  const expected = phase === 'installing' ? app.ctx.expectedSeconds : null;
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
    nodes.length === 0
      ? h('p', { class: 'checking waiting-first' }, running ? 'Waiting for the engine\'s first event…' : 'No resource events were recorded for this run.')
      : h(
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
    progress.log.length === 0
      ? null
      : h(
      'section',
      { class: 'card', 'aria-labelledby': 'log-title' },
      h('h2', { id: 'log-title' }, 'Log'),
      h('pre', { id: 'log', class: 'log', role: 'log', tabindex: '0', 'aria-label': progress.operation === 'destroy' ? 'Destroy log' : 'Install log' }, progress.log.slice(-400).join('\n')),
    ),
  );
  const pane = document.getElementById('log');
  if (pane && stick) pane.scrollTop = pane.scrollHeight;
}

function longPoles(now: number): Child[] {
  const plan = app.review?.plan;
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
