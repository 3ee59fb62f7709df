// The wizard's entry: reads the token, asks the server where the session is, and shows the
// steps (wizard.ts) or the running operation it reconnects to (operation.ts).

import './style.css';
import type { Session } from './api.ts';
import { api, app, fatal } from './app.ts';
import { h } from './dom.ts';
import { setFailure, showOperation } from './operation.ts';
import { makeSteps } from './steps/index.ts';
import { arrive, currentStep, go, visited } from './wizard.ts';


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
  app.ctx = { api, session, zones: session.config.aws?.zones ?? [], expectedSeconds: null };
  app.steps = makeSteps(app.ctx);
  setFailure(session.failure);
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
  for (let i = 0; i < Math.min(at, app.steps.length); i++) {
    if (i !== currentStep()) await arrive(app.steps[i]);
  }
}

void start();
