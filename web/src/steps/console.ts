// Step 8: the console admin login.

import type { ConsoleCheck } from '../api.ts';
import { h } from '../dom.ts';
import { Form, pattern, required, type Values } from '../form.ts';
import { liveNote, textField } from '../ui.ts';
import type { Ctx, Step } from './step.ts';

export function consoleStep(ctx: Ctx): Step {
  const have = ctx.session.have;
  let rule = '';
  const keepSaved = (v: Values) => have.adminPassword && v.adminPassword === '' && v.confirm === '';
  const form = new Form(
    {
      adminEmail: {
        label: 'Admin email',
        initial: ctx.session.config.tectonic?.adminEmail ?? '',
        validators: [required('enter the email the admin logs in with'), pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email looks like name@example.com')],
      },
      adminPassword: {
        label: 'Admin password',
        ignoreWhen: keepSaved,
        validators: [required('choose the admin\'s password')],
      },
      confirm: {
        label: 'Confirm password',
        ignoreWhen: keepSaved,
        dependsOn: ['adminPassword'],
        validators: [(v, all) => (v === all.adminPassword ? null : 'the two passwords differ')],
      },
    },
    {
      console: {
        label: 'the console login',
        fields: ['adminEmail', 'adminPassword', 'confirm'],
        debounceMs: 500,
        satisfiedWhen: keepSaved,
        // Without adminPassword the server keeps the hash it has.
        run: (v) => ctx.api.post<ConsoleCheck>('/console', { adminEmail: v.adminEmail, adminPassword: keepSaved(v) ? undefined : v.adminPassword }),
        onAnswer: (a: ConsoleCheck, v) => {
          if (a.rule) rule = a.rule;
          if (a.ok && v.adminPassword !== '') {
            have.adminPassword = true;
            queueMicrotask(() => {
              form.set('confirm', '', { silent: true, keepAnswers: true });
              form.set('adminPassword', '', { keepAnswers: true });
            });
          }
        },
      },
    },
  );
  return {
    id: 'console',
    title: 'Console login',
    intro: 'The first administrator of the Tectonic console. The password is hashed (bcrypt) by tectonic; only the hash is kept.',
    form,
    enter: async () => {
      if (rule) return;
      try {
        const a = await ctx.api.post<ConsoleCheck>('/console', { adminEmail: '', adminPassword: '' });
        rule = a.rule ?? '';
      } catch {
        /* the rule shows with the first real check */
      }
      form.refresh();
    },
    render: (scope) => [
      textField(scope, form, 'adminEmail', { label: 'Admin email', type: 'email', autocomplete: 'off', placeholder: 'admin@example.com' }),
      h(
        'div',
        { class: 'grid2' },
        textField(scope, form, 'adminPassword', { label: 'Admin password', type: 'password', autocomplete: 'new-password', saved: () => have.adminPassword }),
        textField(scope, form, 'confirm', { label: 'Confirm password', type: 'password', autocomplete: 'new-password' }),
      ),
      liveNote(scope, form, () => h('p', { class: 'rule' }, h('strong', {}, 'Password rule: '), rule || 'checked by tectonic as you type.')),
    ],
  };
}
