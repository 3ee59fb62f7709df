// Step 6: the node pools.

import type { Pool, Check } from '../api.ts';
import { h } from '../dom.ts';
import { Form, intRange, required, type FieldSpec, type Values } from '../form.ts';
import { liveNote, selectField, textField } from '../ui.ts';
import { loadError, type Ctx, type Step } from './step.ts';

const POOLS = [
  ['masters', 'Master nodes', 1, 9],
  ['workers', 'Worker nodes', 1, 999],
  ['etcd', 'etcd nodes', 1, 9],
] as const;

export function nodesStep(ctx: Ctx): Step {
  let types: string[] = [];
  let listError = '';
  const fields: Record<string, FieldSpec> = {};
  const defaults: Record<string, Pool> = {
    masters: { count: 3, instanceType: 'm5.large', rootVolumeGiB: 50, rootVolumeType: 'gp3' },
    workers: { count: 3, instanceType: 'm5.large', rootVolumeGiB: 50, rootVolumeType: 'gp3' },
    etcd: { count: 3, instanceType: 'm5.large', rootVolumeGiB: 30, rootVolumeType: 'gp3' },
  };
  for (const [pool, label, min, max] of POOLS) {
    const d = { ...defaults[pool], ...(ctx.session.config.nodes?.[pool] ?? {}) };
    fields[`${pool}.count`] = {
      label: `${label}: count`,
      initial: String(d.count),
      validators: [intRange(min, max), ...(pool === 'etcd' ? [(v: unknown) => (Number(v) % 2 === 1 ? null : 'use an odd number so etcd keeps a quorum')] : [])],
    };
    fields[`${pool}.instanceType`] = {
      label: `${label}: instance type`,
      initial: d.instanceType,
      validators: [required('pick an instance type'), (v) => (types.length && !types.includes(String(v)) ? `${v} is not offered in every chosen zone` : null)],
    };
    fields[`${pool}.rootVolumeGiB`] = { label: `${label}: root volume (GiB)`, initial: String(d.rootVolumeGiB), validators: [intRange(8, 16384)] };
    fields[`${pool}.rootVolumeType`] = { label: `${label}: volume type`, initial: d.rootVolumeType, validators: [required()] };
  }
  const poolOf = (v: Values, p: string): Pool => ({
    count: Number(v[`${p}.count`]),
    instanceType: String(v[`${p}.instanceType`]),
    rootVolumeGiB: Number(v[`${p}.rootVolumeGiB`]),
    rootVolumeType: String(v[`${p}.rootVolumeType`]),
  });
  const form = new Form(fields, {
    nodes: {
      label: 'the node pools',
      fields: Object.keys(fields),
      debounceMs: 300,
      run: (v) => ctx.api.post<Check>('/nodes', { masters: poolOf(v, 'masters'), workers: poolOf(v, 'workers'), etcd: poolOf(v, 'etcd') }),
    },
  });
  return {
    id: 'nodes',
    title: 'Nodes',
    intro: 'How many machines of each role, their EC2 type and root volume.',
    form,
    enter: async () => {
      try {
        types = (await ctx.api.get<{ types: string[] }>('/instance-types')).types;
        listError = '';
      } catch (e) {
        listError = loadError('the instance types', e);
      }
      for (const [p] of POOLS) form.set(`${p}.instanceType`, form.values[`${p}.instanceType`]);
    },
    render: (scope) => [
      liveNote(scope, form, () => (listError ? h('p', { class: 'error' }, listError) : null)),
      POOLS.map(([pool, label]) =>
        h(
          'fieldset',
          { class: 'group pool' },
          h('legend', {}, label),
          h(
            'div',
            { class: 'grid4' },
            textField(scope, form, `${pool}.count`, { srPrefix: `${label}: `, label: 'Count', type: 'number', inputmode: 'numeric' }),
            selectField(scope, form, `${pool}.instanceType`, {
              srPrefix: `${label}: `,
              label: 'Instance type',
              options: () => {
                const list = types.length ? types : [String(form.values[`${pool}.instanceType`])];
                return list.map((t) => ({ value: t, label: t }));
              },
            }),
            textField(scope, form, `${pool}.rootVolumeGiB`, { srPrefix: `${label}: `, label: 'Root volume (GiB)', type: 'number', inputmode: 'numeric' }),
            selectField(scope, form, `${pool}.rootVolumeType`, {
              srPrefix: `${label}: `,
              label: 'Volume type',
              // gp3 is the only type tectonic provisions (docs/gui-api.md).
              options: () => [{ value: 'gp3', label: 'gp3' }],
            }),
          ),
        ),
      ),
    ],
  };
}
