// Form widgets bound to a Form: each has a visible <label>, its hint and error linked with
// aria-describedby, aria-invalid while wrong, and follows the form as it changes.

import { h, uid, type Child } from './dom.ts';
import type { Form } from './form.ts';

/** Collects the listeners of one rendered view, to drop them when the view goes away. */
export class Scope {
  private readonly subs: (() => void)[] = [];
  watch(form: Form, fn: () => void): void {
    fn();
    this.subs.push(form.onChange(fn));
  }
  add(dispose: () => void): void {
    this.subs.push(dispose);
  }
  dispose(): void {
    this.subs.splice(0).forEach((d) => d());
  }
}

interface FieldOpts {
  label: string;
  /** Read out before the label but not shown (the group's legend already says it). */
  srPrefix?: string;
  hint?: Child;
  /** Shown instead of the input's value when the server holds a secret ("saved"). */
  saved?: () => boolean;
}

function frame(
  scope: Scope,
  form: Form,
  name: string,
  opts: FieldOpts,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
): HTMLElement {
  const id = uid('f');
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  control.id = id;
  control.name = name;
  const err = h('p', { class: 'error', id: errId, hidden: true });
  const savedNote = h('p', { class: 'saved', id: `${id}-saved`, hidden: true }, '✓ saved on the server');
  const hint = opts.hint ? h('p', { class: 'hint', id: hintId }, opts.hint) : null;
  control.setAttribute(
    'aria-describedby',
    [hint ? hintId : '', errId, `${id}-saved`].filter(Boolean).join(' '),
  );
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, opts.srPrefix ? h('span', { class: 'visually-hidden' }, opts.srPrefix) : null, opts.label), control, hint, savedNote, err);
  control.addEventListener('blur', () => form.touch(name));
  scope.watch(form, () => {
    const isSaved = opts.saved?.() ?? false;
    // A field the server already holds stays in view (to replace it), marked saved.
    wrap.hidden = form.isIgnored(name) && !isSaved;
    const e = form.visibleError(name);
    err.hidden = !e;
    err.textContent = e ? `⚠ ${e}` : '';
    if (e) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    savedNote.hidden = !isSaved || control.value !== '';
    const v = form.values[name];
    // Follow the form unless the user is typing there; a secret the server took goes anyway.
    const typing = document.activeElement === control && !(isSaved && v === '');
    if (!typing && control.type !== 'file' && control.value !== String(v ?? '')) {
      control.value = String(v ?? '');
    }
  });
  return wrap;
}

export function textField(
  scope: Scope,
  form: Form,
  name: string,
  opts: FieldOpts & {
    type?: string;
    placeholder?: string;
    autocomplete?: string;
    inputmode?: string;
    onInput?: (value: string) => void;
    /** Show its rule errors while typing, not only after leaving it (CIDRs, names). */
    live?: boolean;
  },
): HTMLElement {
  const input = h('input', {
    type: opts.type ?? 'text',
    placeholder: opts.placeholder,
    autocomplete: opts.autocomplete ?? 'off',
    inputmode: opts.inputmode,
    spellcheck: 'false',
  });
  input.addEventListener('input', () => {
    form.set(name, input.value, { touch: opts.live });
    opts.onInput?.(input.value);
  });
  return frame(scope, form, name, opts, input);
}

export function textArea(
  scope: Scope,
  form: Form,
  name: string,
  opts: FieldOpts & { placeholder?: string; rows?: number },
): HTMLElement {
  const ta = h('textarea', { rows: opts.rows ?? 5, placeholder: opts.placeholder, spellcheck: 'false' });
  ta.addEventListener('input', () => form.set(name, ta.value));
  return frame(scope, form, name, opts, ta);
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export function selectField(
  scope: Scope,
  form: Form,
  name: string,
  opts: FieldOpts & { options: () => Option[]; placeholder?: string | (() => string); onPick?: (value: string) => void },
): HTMLElement {
  const select = h('select');
  let shown = '';
  const fill = () => {
    const options = opts.options();
    const placeholder = (typeof opts.placeholder === 'function' ? opts.placeholder() : opts.placeholder) ?? 'Choose…';
    const sig = JSON.stringify([placeholder, options]);
    if (sig === shown) return;
    shown = sig;
    select.replaceChildren(
      h('option', { value: '', disabled: true }, placeholder),
      ...options.map((o) => h('option', { value: o.value, disabled: o.disabled }, o.label)),
    );
    select.value = String(form.values[name] ?? '');
  };
  scope.watch(form, fill);
  select.addEventListener('change', () => {
    form.set(name, select.value, { touch: true });
    opts.onPick?.(select.value);
  });
  return frame(scope, form, name, opts, select);
}

export function fileField(
  scope: Scope,
  form: Form,
  name: string,
  opts: FieldOpts & { accept?: string; onContent: (content: string, file: File) => void },
): HTMLElement {
  const input = h('input', { type: 'file', accept: opts.accept });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const content = await file.text();
    input.value = ''; // the browser keeps no handle on the secret file once read
    form.set(name, file.name, { touch: true });
    opts.onContent(content, file);
  });
  return frame(scope, form, name, opts, input);
}

export function radioGroup(
  scope: Scope,
  form: Form,
  name: string,
  legend: string,
  choices: { value: string; label: string; hint?: string }[],
  onPick?: (value: string) => void,
): HTMLElement {
  const group = uid('r');
  const radios = choices.map((c) => {
    const id = uid('o');
    const input = h('input', { type: 'radio', name: group, id, value: c.value });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      form.set(name, c.value, { touch: true });
      onPick?.(c.value);
    });
    return {
      input,
      el: h(
        'div',
        { class: 'choice' },
        input,
        h('label', { for: id }, h('span', { class: 'choice-label' }, c.label), c.hint ? h('span', { class: 'choice-hint' }, c.hint) : null),
      ),
    };
  });
  scope.watch(form, () => {
    for (const r of radios) r.input.checked = r.input.value === form.values[name];
  });
  return h('fieldset', { class: 'choices' }, h('legend', {}, legend), radios.map((r) => r.el));
}

/** A note whose text follows the form (identity, fix texts, check results), read out politely. */
export function liveNote(scope: Scope, form: Form, render: () => Child, cls = 'note'): HTMLElement {
  const el = h('div', { class: cls, role: 'status', 'aria-live': 'polite' });
  let last = '';
  scope.watch(form, () => {
    const tmp = h('div', {}, render());
    if (tmp.innerHTML === last) return;
    last = tmp.innerHTML;
    el.replaceChildren(...tmp.childNodes);
  });
  return el;
}
