// What the views share: the page root, the API client, and the session's context and steps.

import { Api, tokenFromHash, type Review } from './api.ts';
import { h, replace, type Child } from './dom.ts';
import type { Ctx, Step } from './steps/index.ts';
import { Scope } from './ui.ts';

export const root = document.getElementById('app')!;
export const api = new Api(tokenFromHash(location.hash));

export const app = {
  ctx: undefined as unknown as Ctx,
  steps: [] as Step[],
  /** The last review: its plan gives the install view its long poles. */
  review: null as Review | null,
  /** The listeners of the view on screen, dropped when another replaces it. */
  scope: new Scope(),
};

export function fatal(title: string, body: Child): void {
  replace(root, h('main', { class: 'fatal', id: 'main' }, h('h1', {}, title), h('p', {}, body)));
}

export function header(): HTMLElement {
  const id = app.ctx.session.identity;
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'tectonic', h('span', { class: 'sub' }, 'installer')),
    h(
      'div',
      { class: 'meta' },
      app.ctx.session.config.name ? h('span', {}, h('span', { class: 'muted' }, 'cluster '), app.ctx.session.config.name) : null,
      id ? h('span', {}, h('span', { class: 'muted' }, 'account '), id.account) : null,
      app.ctx.session.dir ? h('span', { class: 'mono muted', title: 'cluster directory' }, app.ctx.session.dir) : null,
    ),
  );
}

export function clusterName(): string {
  return String(app.steps[1]?.form.values.name || app.ctx.session.config.name || 'the cluster');
}
