// Step 4: the EC2 key pair for the nodes.

import type { KeyPairs, Check } from '../api.ts';
import { h } from '../dom.ts';
import { Form } from '../form.ts';
import { liveNote, selectField } from '../ui.ts';
import { loadError, type Ctx, type Step } from './step.ts';

export function sshStep(ctx: Ctx): Step {
  let pairs: KeyPairs | null = null;
  let listError = '';
  const form = new Form(
    {
      name: {
        label: 'SSH key pair',
        initial: ctx.session.config.aws?.sshKeyName ?? '',
        validators: [(v) => (v ? null : pairs && pairs.keyPairs.length === 0 ? pairs.fix || 'this region has no EC2 key pair: create or import one, then press Refresh' : 'pick the key pair to log in to the nodes with')],
      },
    },
    {
      ssh: { label: 'the key pair', fields: ['name'], debounceMs: 0, run: (v) => ctx.api.post<Check>('/ssh-key', { name: v.name }) },
    },
  );
  const load = async () => {
    try {
      pairs = await ctx.api.get<KeyPairs>('/key-pairs');
      listError = '';
      if (form.values.name && !pairs.keyPairs.includes(String(form.values.name))) form.set('name', '');
      if (!form.values.name && pairs.keyPairs.length === 1) form.set('name', pairs.keyPairs[0]);
      else form.set('name', form.values.name);
    } catch (e) {
      listError = loadError('the key pairs', e);
      form.refresh();
    }
  };
  return {
    id: 'ssh',
    title: 'SSH key pair',
    intro: 'The EC2 key pair whose public key goes on every node, for break-glass SSH access.',
    form,
    enter: load,
    render: (scope) => [
      h(
        'div',
        { class: 'with-button' },
        selectField(scope, form, 'name', {
          label: 'SSH key pair',
          options: () => (pairs?.keyPairs ?? []).map((k) => ({ value: k, label: k })),
          placeholder: () => (pairs === null ? 'Loading key pairs…' : pairs.keyPairs.length ? 'Choose a key pair…' : 'No key pair in this region'),
          hint: 'Key pairs of the chosen region (EC2 DescribeKeyPairs).',
        }),
        h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Refresh key pairs'),
      ),
      liveNote(scope, form, () =>
        listError
          ? h('p', { class: 'error' }, listError)
          : pairs && pairs.keyPairs.length === 0
            ? h('div', { class: 'callout warn' }, h('strong', {}, 'No key pair in this region. '), pairs.fix || 'Create one with: aws ec2 create-key-pair --key-name my-key, then press Refresh.')
            : null,
      ),
    ],
  };
}
