// Step 5: the KMS key, created or picked.

import type { KmsKey, Check } from '../api.ts';
import { h } from '../dom.ts';
import { Form, required } from '../form.ts';
import { liveNote, radioGroup, selectField } from '../ui.ts';
import { loadError, type Ctx, type Step } from './step.ts';

export function kmsStep(ctx: Ctx): Step {
  let keys: KmsKey[] | null = null;
  let listError = '';
  const arn = ctx.session.config.aws?.kmsKeyArn ?? '';
  const form = new Form(
    {
      mode: { label: 'KMS key', initial: arn ? 'existing' : 'create' },
      arn: { label: 'KMS key', initial: arn, ignoreWhen: (v) => v.mode !== 'existing', validators: [required('pick an enabled key, or let tectonic create one')] },
    },
    {
      kms: { label: 'the KMS key', fields: ['mode', 'arn'], debounceMs: 0, run: (v) => ctx.api.post<Check>('/kms', v.mode === 'create' ? { mode: 'create' } : { mode: 'existing', arn: v.arn }) },
    },
  );
  const load = async () => {
    try {
      keys = (await ctx.api.get<{ keys: KmsKey[] }>('/kms-keys')).keys;
      listError = '';
    } catch (e) {
      listError = loadError('the KMS keys', e);
    }
    form.refresh();
  };
  return {
    id: 'kms',
    title: 'KMS key',
    intro: 'The key that encrypts the nodes\' volumes and the cluster\'s secrets at rest.',
    form,
    enter: load,
    render: (scope) => [
      radioGroup(scope, form, 'mode', 'KMS key', [
        { value: 'create', label: 'Create a key for this cluster', hint: 'Tagged with the cluster; destroy schedules its deletion.' },
        { value: 'existing', label: 'Use an existing key', hint: 'An enabled symmetric key of this region.' },
      ]),
      selectField(scope, form, 'arn', {
        label: 'Existing KMS key',
        options: () => (keys ?? []).map((k) => ({ value: k.arn, label: `${k.alias || k.arn}${k.enabled ? '' : ` — ${k.disabledReason || 'disabled'}`}`, disabled: !k.enabled })),
        placeholder: () => (keys === null ? 'Loading keys…' : keys.length ? 'Choose a key…' : 'No key in this region'),
      }),
      liveNote(scope, form, () => (listError ? h('p', { class: 'error' }, listError) : null)),
    ],
  };
}
