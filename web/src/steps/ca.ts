// Step 3: the certificate authority, generated or uploaded.

import type { Check } from '../api.ts';
import { h } from '../dom.ts';
import { Form, pattern, required, type Values } from '../form.ts';
import { radioGroup, textArea } from '../ui.ts';
import type { Ctx, Step } from './step.ts';

export function caStep(ctx: Ctx): Step {
  const have = ctx.session.have;
  const uploaded = (v: Values) => v.mode !== 'upload' || (have.ca && v.certificate === '' && v.key === '');
  const form = new Form(
    {
      mode: { label: 'Certificate authority', initial: 'generate' },
      certificate: {
        label: 'CA certificate',
        ignoreWhen: uploaded,
        validators: [required('paste or upload the CA certificate (PEM)'), pattern(/-----BEGIN CERTIFICATE-----/, 'a PEM certificate starts with -----BEGIN CERTIFICATE-----')],
      },
      key: {
        label: 'CA private key',
        ignoreWhen: uploaded,
        validators: [required('paste or upload the CA\'s private key (PEM)'), pattern(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key starts with -----BEGIN … PRIVATE KEY-----')],
      },
    },
    {
      ca: {
        label: 'the certificate authority',
        fields: ['mode', 'certificate', 'key'],
        debounceMs: 300,
        satisfiedWhen: (v) => v.mode === 'upload' && have.ca && v.certificate === '' && v.key === '',
        run: (v) => ctx.api.post<Check>('/ca', v.mode === 'generate' ? { mode: 'generate' } : { mode: 'upload', certificate: v.certificate, key: v.key }),
        onAnswer: (a: Check, v) => {
          if (!a.ok || v.mode !== 'upload') return;
          have.ca = true;
          queueMicrotask(() => {
            form.set('key', '', { silent: true, keepAnswers: true });
            form.set('certificate', '', { keepAnswers: true });
          });
        },
      },
    },
  );
  const pick = (name: string) =>
    h('input', {
      type: 'file',
      'aria-label': `Upload ${name === 'key' ? 'CA private key' : 'CA certificate'} file`,
      onchange: async (e: Event) => {
        const input = e.target as HTMLInputElement;
        const f = input.files?.[0];
        if (f) form.set(name, await f.text(), { touch: true });
        input.value = '';
      },
    });
  return {
    id: 'ca',
    title: 'Certificate authority',
    intro: 'The CA that signs the cluster\'s certificates (API server, kubelets, etcd).',
    form,
    render: (scope) => {
      const upload = h('div', { class: 'upload-block' },
        textArea(scope, form, 'certificate', { label: 'CA certificate', placeholder: '-----BEGIN CERTIFICATE-----', saved: () => have.ca && form.values.mode === 'upload' }),
        pick('certificate'),
        textArea(scope, form, 'key', { label: 'CA private key', placeholder: '-----BEGIN … PRIVATE KEY-----', saved: () => have.ca && form.values.mode === 'upload' }),
        pick('key'),
      );
      scope.watch(form, () => (upload.hidden = form.values.mode !== 'upload'));
      return [
      radioGroup(scope, form, 'mode', 'Certificate authority', [
        { value: 'generate', label: 'Generate a CA for me', hint: 'A new CA made for this cluster. Browsers will not trust its certificates until you add it.' },
        { value: 'upload', label: 'Use my own CA', hint: 'A CA certificate and its unencrypted private key, in PEM.' },
      ]),
      upload,
      ];
    },
  };
}
