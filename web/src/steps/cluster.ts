// Step 2: the cluster name, its hosted zone, license, pull secret and extra tags.

import type { HostedZone, Check } from '../api.ts';
import { h } from '../dom.ts';
import { Form, pattern, required, type Validator } from '../form.ts';
import { fileField, liveNote, Scope, selectField, textField } from '../ui.ts';
import { loadError, onField, type Ctx, type Step } from './step.ts';

interface TagRow {
  key: string;
  value: string;
}

const tagRules: Validator = (v) => {
  const rows = (v as TagRow[]).filter((r) => r.key !== '' || r.value !== '');
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.key === '') return `the tag with value '${r.value}' needs a key`;
    if (r.key.length > 128) return `tag key '${r.key.slice(0, 20)}…' is longer than 128 characters`;
    if (r.value.length > 256) return `the value of tag '${r.key}' is longer than 256 characters`;
    if (r.key.toLowerCase().startsWith('aws:')) return `tag key '${r.key}': the aws: prefix is reserved for AWS`;
    if (seen.has(r.key)) return `tag key '${r.key}' is given twice`;
    seen.add(r.key);
  }
  return null;
};

export function clusterStep(ctx: Ctx): Step {
  let zones: HostedZone[] | null = null;
  let listError = '';
  let pendingLicense = '';
  let pendingPullSecret = '';
  const have = ctx.session.have;
  const cfg = ctx.session.config;
  const tags: TagRow[] = Object.entries(cfg.aws?.tags ?? {}).map(([key, value]) => ({ key, value }));
  const form = new Form(
    {
      name: {
        label: 'Cluster name',
        initial: cfg.name ?? '',
        validators: [
          required('enter a name for the cluster, like prod-eu'),
          pattern(/^[^A-Z]*$/, 'use lower case only'),
          pattern(/^[a-z]/, 'start with a letter'),
          pattern(/^[a-z][-a-z0-9]*$/, 'use letters, digits and - only'),
          pattern(/[^-]$/, 'do not end with -'),
          (v) => (String(v).length > 24 ? `${String(v).length} characters; at most 24` : null),
        ],
      },
      hostedZoneId: {
        label: 'Base domain',
        initial: cfg.aws?.hostedZoneId ?? '',
        validators: [
          (v) => {
            if (zones && !zones.some((z) => !z.private)) {
              return 'this account has no public Route 53 hosted zone: create one for your domain (Route 53 › Hosted zones › Create, type Public), then press Refresh';
            }
            return v ? null : 'pick the public hosted zone the cluster\'s DNS names go in';
          },
        ],
      },
      tags: { label: 'Extra AWS tags', initial: tags, validators: [tagRules] },
      license: {
        label: 'License',
        validators: [(v) => (v || have.license ? null : 'upload your license file (license.txt)')],
      },
      pullSecret: {
        label: 'Pull secret',
        validators: [(v) => (v || have.pullSecret ? null : 'upload your pull secret (config.json)')],
      },
    },
    {
      cluster: {
        label: 'the cluster name and domain',
        fields: ['name', 'hostedZoneId', 'tags'],
        debounceMs: 300,
        run: (v) => {
          const zone = zones?.find((z) => z.id === v.hostedZoneId);
          const t: Record<string, string> = {};
          for (const r of v.tags as TagRow[]) if (r.key) t[r.key] = r.value;
          return ctx.api
            .post<Check>('/cluster', { name: v.name, baseDomain: zone?.name ?? cfg.baseDomain ?? '', hostedZoneId: v.hostedZoneId, tags: t })
            .then((a) => ({ ...a, errors: a.errors.map((e) => ({ ...e, field: e.field === 'baseDomain' ? 'hostedZoneId' : e.field })) }));
        },
      },
      license: {
        label: 'the license',
        fields: ['license'],
        manual: true,
        satisfiedWhen: () => have.license,
        run: () => onField('license', ctx.api.post<Check>('/license', { content: pendingLicense })),
        onAnswer: (a: Check) => {
          pendingLicense = '';
          have.license = a.ok;
        },
      },
      pullSecret: {
        label: 'the pull secret',
        fields: ['pullSecret'],
        manual: true,
        satisfiedWhen: () => have.pullSecret,
        run: () => onField('pullSecret', ctx.api.post<Check>('/pull-secret', { content: pendingPullSecret })),
        onAnswer: (a: Check) => {
          pendingPullSecret = '';
          have.pullSecret = a.ok;
        },
      },
    },
  );
  const loadZones = async () => {
    try {
      zones = (await ctx.api.get<{ zones: HostedZone[] }>('/zones')).zones;
      listError = '';
      const pub = zones.filter((z) => !z.private && !z.disabledReason);
      if (!form.values.hostedZoneId && cfg.baseDomain) {
        const match = pub.find((z) => z.name.replace(/\.$/, '') === cfg.baseDomain);
        if (match) form.set('hostedZoneId', match.id);
      }
      if (!form.values.hostedZoneId && pub.length === 1) form.set('hostedZoneId', pub[0].id);
      form.set('hostedZoneId', form.values.hostedZoneId); // re-run the "no public zone" rule
    } catch (e) {
      listError = loadError('the hosted zones', e);
      form.refresh();
    }
  };
  const tagList = (scope: Scope) => {
    const box = h('div', { class: 'tags' });
    const draw = () => {
      const rows = form.values.tags as TagRow[];
      box.replaceChildren(
        ...rows.map((r, i) => {
          const upd = (k: keyof TagRow) => (e: Event) => {
            const next = rows.map((x) => ({ ...x }));
            next[i][k] = (e.target as HTMLInputElement).value;
            form.set('tags', next, { touch: true });
          };
          return h(
            'div',
            { class: 'tag-row' },
            h('label', { class: 'field' }, h('span', {}, `Tag ${i + 1} key`), h('input', { value: r.key, oninput: upd('key'), spellcheck: 'false' })),
            h('label', { class: 'field' }, h('span', {}, `Tag ${i + 1} value`), h('input', { value: r.value, oninput: upd('value'), spellcheck: 'false' })),
            h('button', { type: 'button', class: 'link', onclick: () => { form.set('tags', rows.filter((_, j) => j !== i)); draw(); } }, `Remove tag ${i + 1}`),
          );
        }),
        h('button', { type: 'button', class: 'secondary small', onclick: () => { form.set('tags', [...rows, { key: '', value: '' }]); draw(); (box.querySelector('.tag-row:last-of-type input') as HTMLInputElement | null)?.focus(); } }, '+ Add tag'),
      );
    };
    draw();
    const err = h('p', { class: 'error', role: 'alert' });
    scope.watch(form, () => {
      const e = form.syncError('tags');
      err.hidden = !e;
      err.textContent = e ? `⚠ ${e}` : '';
    });
    return h('fieldset', { class: 'group' }, h('legend', {}, 'Extra AWS tags (optional)'), h('p', { class: 'hint' }, 'Put on every resource tectonic creates, beside its own tectonicClusterID tag.'), box, err);
  };
  return {
    id: 'cluster',
    title: 'Cluster',
    intro: 'Its name, the DNS zone its API and console names go in, and your license.',
    form,
    enter: loadZones,
    render: (scope) => [
      textField(scope, form, 'name', {
        label: 'Cluster name',
        placeholder: 'prod-eu',
        live: true,
        hint: '1–24 characters: lower-case letters, digits and -, starting with a letter.',
      }),
      h(
        'div',
        { class: 'with-button' },
        selectField(scope, form, 'hostedZoneId', {
          label: 'Base domain',
          options: () =>
            (zones ?? []).map((z) => ({
              value: z.id,
              label: z.name.replace(/\.$/, '') + (z.private || z.disabledReason ? ` — ${z.disabledReason || 'private zone: the API must resolve publicly'}` : ''),
              disabled: z.private || z.disabledReason !== '',
            })),
          placeholder: () => (zones === null ? 'Loading hosted zones…' : zones.some((z) => !z.private) ? 'Choose a public hosted zone…' : 'No public hosted zone in this account'),
          hint: 'Public Route 53 hosted zones of this account (all pages). Private zones are listed but cannot be picked.',
        }),
        h('button', { type: 'button', class: 'secondary', onclick: () => void loadZones() }, 'Refresh zones'),
      ),
      liveNote(scope, form, () => (listError ? h('p', { class: 'error' }, listError) : null)),
      h(
        'div',
        { class: 'grid2' },
        fileField(scope, form, 'license', {
          label: 'License file',
          accept: '.txt,text/plain',
          hint: 'license.txt from your account page. Read in this page and sent once; stored 0600 in the cluster directory.',
          saved: () => have.license,
          onContent: (c) => {
            pendingLicense = c;
            void form.check('license');
          },
        }),
        fileField(scope, form, 'pullSecret', {
          label: 'Pull secret file',
          accept: '.json,application/json',
          hint: 'config.json with the registry credentials (JSON with "auths").',
          saved: () => have.pullSecret,
          onContent: (c) => {
            pendingPullSecret = c;
            void form.check('pullSecret');
          },
        }),
      ),
      tagList(scope),
    ],
  };
}
