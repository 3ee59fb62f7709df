// Step 7: a new VPC (subnets checked as you type) or an existing one.

import type { Vpc, Check } from '../api.ts';
import { defaultSubnets, networkErrors, type NamedCidr } from '../cidr.ts';
import { h } from '../dom.ts';
import { Form, required, type FieldSpec, type Validator, type Values } from '../form.ts';
import { liveNote, radioGroup, Scope, selectField, textField } from '../ui.ts';
import { loadError, type Ctx, type Step } from './step.ts';

export function networkingStep(ctx: Ctx): Step {
  let vpcs: Vpc[] | null = null;
  let listError = '';
  const cfg = ctx.session.config;
  const vpcCfg = cfg.aws?.vpc ?? {};
  const zoneCount = () => Math.max(ctx.zones.length, 1);
  const zoneName = (i: number) => ctx.zones[i] ?? `zone ${i + 1}`;
  const MAXZ = 6;
  let laidOutFor = Math.max(ctx.zones.length, 3);
  const initialSubnets = defaultSubnets(vpcCfg.cidr || '10.0.0.0/16', laidOutFor);
  const isNew = (v: Values) => v.mode === 'new';
  const inUse = (i: number) => (v: Values) => i >= zoneCount() || !isNew(v);
  const inUseExisting = (i: number) => (v: Values) => i >= zoneCount() || isNew(v);

  const named = (v: Values) => {
    const n = zoneCount();
    const subnets: NamedCidr[] = [];
    for (let i = 0; i < n; i++) subnets.push({ field: `masterSubnets[${i}]`, label: `Master subnet (${zoneName(i)})`, text: String(v[`masterSubnets[${i}]`]) });
    for (let i = 0; i < n; i++) subnets.push({ field: `workerSubnets[${i}]`, label: `Worker subnet (${zoneName(i)})`, text: String(v[`workerSubnets[${i}]`]) });
    return networkErrors(
      { field: 'cidr', label: 'VPC', text: String(v.cidr) },
      subnets,
      [
        { field: 'podCidr', label: 'Pod range', text: String(v.podCidr) },
        { field: 'serviceCidr', label: 'Service range', text: String(v.serviceCidr) },
      ],
    );
  };
  const cidrRule =
    (field: string): Validator =>
    (_v, all) =>
      all.mode === 'new' || field === 'podCidr' || field === 'serviceCidr' ? (named(all).get(field) ?? null) : null;
  const fields: Record<string, FieldSpec> = {
    mode: { label: 'VPC', initial: vpcCfg.id ? 'existing' : 'new' },
    cidr: { label: 'VPC CIDR', initial: vpcCfg.cidr || '10.0.0.0/16', ignoreWhen: (v) => !isNew(v), validators: [cidrRule('cidr')] },
    podCidr: { label: 'Pod range', initial: cfg.networking?.podCidr || '10.2.0.0/16', validators: [cidrRule('podCidr')] },
    serviceCidr: { label: 'Service range', initial: cfg.networking?.serviceCidr || '10.3.0.0/16', validators: [cidrRule('serviceCidr')] },
    natGateways: { label: 'NAT gateways', initial: vpcCfg.natGateways ?? 'perZone' },
    vpcId: { label: 'Existing VPC', initial: vpcCfg.id ?? '', ignoreWhen: isNew, validators: [required('pick the VPC to install into')] },
  };
  const allNames = ['mode', 'cidr', 'podCidr', 'serviceCidr'];
  for (let i = 0; i < MAXZ; i++) {
    for (const role of ['master', 'worker'] as const) {
      const f = `${role}Subnets[${i}]`;
      allNames.push(f);
      const fromCfg = vpcCfg.id ? '' : (role === 'master' ? vpcCfg.masterSubnets : vpcCfg.workerSubnets)?.[i];
      fields[f] = {
        label: `${role === 'master' ? 'Master' : 'Worker'} subnet ${i + 1}`,
        initial: fromCfg || (role === 'master' ? initialSubnets?.masters[i] : initialSubnets?.workers[i]) || '',
        ignoreWhen: inUse(i),
        validators: [cidrRule(f)],
      };
      fields[`existing.${f}`] = {
        label: `${role === 'master' ? 'Master' : 'Worker'} subnet ${i + 1}`,
        initial: vpcCfg.id ? ((role === 'master' ? vpcCfg.masterSubnets : vpcCfg.workerSubnets)?.[i] ?? '') : '',
        // The server says which subnets are missing or unfit (public/private routing).
        ignoreWhen: inUseExisting(i),
      };
    }
  }
  for (const f of Object.keys(fields)) if (f !== 'mode' && !f.startsWith('existing.') && f !== 'vpcId' && f !== 'natGateways') fields[f].dependsOn = allNames.filter((n) => n !== f);
  const form = new Form(fields, {
    networking: {
      label: 'the network',
      fields: Object.keys(fields),
      debounceMs: 400,
      run: (v) => {
        const n = zoneCount();
        // No subnet picked at all = an empty list: the server derives or looks them up.
        const list = (role: string, existing: boolean) => {
          const l = Array.from({ length: n }, (_, i) => String(v[`${existing ? 'existing.' : ''}${role}Subnets[${i}]`] ?? ''));
          return l.every((x) => x === '') ? [] : l;
        };
        const existing = v.mode === 'existing';
        return ctx.api
          .post<Check>('/networking', {
            mode: v.mode,
            vpcId: existing ? v.vpcId : undefined,
            cidr: existing ? undefined : v.cidr,
            masterSubnets: list('master', existing),
            workerSubnets: list('worker', existing),
            podCidr: v.podCidr,
            serviceCidr: v.serviceCidr,
            natGateways: v.natGateways,
          })
          .then((a) => ({
            ...a,
            // The existing-VPC subnets live under their own field names here.
            errors: a.errors.map((e) => ({ ...e, field: existing && /Subnets\[/.test(e.field) ? `existing.${e.field}` : e.field })),
          }));
      },
    },
  });
  const loadVpcs = async () => {
    try {
      vpcs = (await ctx.api.get<{ vpcs: Vpc[] }>('/vpcs')).vpcs;
      listError = '';
    } catch (e) {
      listError = loadError('the VPCs', e);
    }
    form.refresh();
  };
  const subnetRow = (scope: Scope, role: 'master' | 'worker', i: number) =>
    textField(scope, form, `${role}Subnets[${i}]`, {
      label: `${role === 'master' ? 'Master' : 'Worker'} subnet, ${zoneName(i)}`,
      placeholder: '10.0.0.0/20',
      live: true,
    });
  const existingRow = (scope: Scope, role: 'master' | 'worker', i: number) =>
    selectField(scope, form, `existing.${role}Subnets[${i}]`, {
      label: `${role === 'master' ? 'Master' : 'Worker'} subnet, ${zoneName(i)}`,
      options: () => {
        const vpc = vpcs?.find((x) => x.id === form.values.vpcId);
        return (vpc?.subnets ?? [])
          .filter((s) => s.zone === ctx.zones[i])
          .map((s) => ({ value: s.id, label: `${s.id} — ${s.cidr} (${s.public ? 'public' : 'private'})` }));
      },
      placeholder: () => {
        const vpc = vpcs?.find((x) => x.id === form.values.vpcId);
        if (!vpc) return 'Pick the VPC first';
        return vpc.subnets.some((s) => s.zone === ctx.zones[i]) ? 'Choose a subnet…' : `No subnet of ${vpc.id} in ${zoneName(i)}`;
      },
    });
  return {
    id: 'networking',
    title: 'Networking',
    intro: 'A new VPC laid out for you, or an existing one checked exactly as preflight does.',
    form,
    enter: async () => {
      // Untouched defaults follow the region's zone count.
      if (!vpcCfg.masterSubnets?.length && zoneCount() !== laidOutFor) {
        const was = defaultSubnets(String(form.values.cidr), laidOutFor);
        const now = defaultSubnets(String(form.values.cidr), zoneCount());
        const untouched = was && Array.from({ length: laidOutFor }, (_, i) => form.values[`masterSubnets[${i}]`] === was.masters[i] && form.values[`workerSubnets[${i}]`] === was.workers[i]).every(Boolean);
        if (untouched && now) {
          now.masters.forEach((c, i) => form.set(`masterSubnets[${i}]`, c, { silent: true }));
          now.workers.forEach((c, i) => form.set(`workerSubnets[${i}]`, c, { silent: true }));
          laidOutFor = zoneCount();
        }
      }
      for (const f of allNames) form.set(f, form.values[f], { silent: true });
      form.refresh();
      await loadVpcs();
    },
    render: (scope) => {
      const n = zoneCount();
      const zonesIdx = Array.from({ length: n }, (_, i) => i);
      const newBox = h(
        'div',
        {},
        textField(scope, form, 'cidr', { live: true, label: 'VPC CIDR', placeholder: '10.0.0.0/16', hint: 'A /16 to /28 block; the subnets must lie inside it.' }),
        h(
          'fieldset',
          { class: 'group' },
          h('legend', {}, 'Subnets, one per availability zone'),
          h('p', { class: 'hint' }, 'Masters and load balancers go in public subnets, workers in private ones. Overlaps are refused as you type.'),
          h('div', { class: 'grid2' }, h('div', {}, zonesIdx.map((i) => subnetRow(scope, 'master', i))), h('div', {}, zonesIdx.map((i) => subnetRow(scope, 'worker', i)))),
        ),
        radioGroup(scope, form, 'natGateways', 'NAT gateways', [
          { value: 'perZone', label: 'One per zone', hint: 'Private subnets keep egress when a zone fails.' },
          { value: 'single', label: 'A single one', hint: 'Cheaper; egress depends on one zone.' },
        ]),
      );
      const existingBox = h(
        'div',
        {},
        h(
          'div',
          { class: 'with-button' },
          selectField(scope, form, 'vpcId', {
            label: 'Existing VPC',
            options: () => (vpcs ?? []).map((v) => ({ value: v.id, label: `${v.name ? v.name + ' — ' : ''}${v.id} (${v.cidr})` })),
            placeholder: () => (vpcs === null ? 'Loading VPCs…' : vpcs.length ? 'Choose a VPC…' : 'No VPC in this region'),
            onPick: () => {
              for (let i = 0; i < MAXZ; i++) {
                form.set(`existing.masterSubnets[${i}]`, '', { silent: true });
                form.set(`existing.workerSubnets[${i}]`, '', { silent: true });
              }
              form.refresh();
            },
          }),
          h('button', { type: 'button', class: 'secondary', onclick: () => void loadVpcs() }, 'Refresh VPCs'),
        ),
        h('div', { class: 'grid2' }, h('div', {}, zonesIdx.map((i) => existingRow(scope, 'master', i))), h('div', {}, zonesIdx.map((i) => existingRow(scope, 'worker', i)))),
      );
      scope.watch(form, () => {
        newBox.hidden = form.values.mode !== 'new';
        existingBox.hidden = form.values.mode !== 'existing';
      });
      return [
        radioGroup(scope, form, 'mode', 'VPC', [
          { value: 'new', label: 'Create a new VPC', hint: 'Subnets, internet and NAT gateways, routes: all tagged with the cluster.' },
          { value: 'existing', label: 'Use an existing VPC', hint: 'It needs an internet gateway and a public and a private subnet per zone.' },
        ]),
        liveNote(scope, form, () => (listError ? h('p', { class: 'error' }, listError) : null)),
        newBox,
        existingBox,
        h(
          'fieldset',
          { class: 'group' },
          h('legend', {}, 'Kubernetes ranges'),
          h('div', { class: 'grid2' }, textField(scope, form, 'podCidr', { live: true, label: 'Pod range', placeholder: '10.2.0.0/16' }), textField(scope, form, 'serviceCidr', { live: true, label: 'Service range', placeholder: '10.3.0.0/16' })),
        ),
      ];
    },
  };
}
