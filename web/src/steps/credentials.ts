// Step 1: credentials (static, temporary or a profile) and the region.

import type { CredentialsCheck, Identity, RegionCheck } from '../api.ts';
import { formatSeconds, h } from '../dom.ts';
import { Form, noEdgeSpaces, pattern, required, type Values } from '../form.ts';
import { liveNote, radioGroup, selectField, textField } from '../ui.ts';
import { loadError, type Ctx, type Step } from './step.ts';

export function credentialsStep(ctx: Ctx): Step {
  let regions: string[] = [];
  let profiles: string[] = [];
  let listError = '';
  const have = ctx.session.have;
  let identity: Identity | null = ctx.session.identity;
  let warning = '';
  const saved = (v: Values) => v.saved === true;
  const needs = (mode: string[]) => (v: Values) => !mode.includes(String(v.mode)) || saved(v);
  const form = new Form(
    {
      mode: { label: 'Kind of credentials', initial: 'static' },
      saved: { label: 'saved', initial: have.credentials },
      accessKeyId: {
        label: 'Access key ID',
        ignoreWhen: needs(['static', 'temporary']),
        validators: [
          required('enter the access key ID (it starts with AKIA, or ASIA for temporary keys)'),
          noEdgeSpaces,
          pattern(/^[A-Z0-9]{16,128}$/, 'an access key ID is 16 to 128 upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE'),
        ],
      },
      secretAccessKey: {
        label: 'Secret access key',
        ignoreWhen: needs(['static', 'temporary']),
        validators: [
          required('enter the secret access key that goes with the key ID'),
          noEdgeSpaces,
          (v) => (typeof v === 'string' && v.length < 40 ? `a secret access key has 40 characters; this one has ${v.length}` : null),
        ],
      },
      sessionToken: {
        label: 'Session token',
        ignoreWhen: needs(['temporary']),
        validators: [required('temporary credentials need their session token'), noEdgeSpaces],
      },
      expiration: {
        label: 'Expires at',
        ignoreWhen: needs(['temporary']),
        validators: [
          noEdgeSpaces,
          (v) => (typeof v === 'string' && v !== '' && Number.isNaN(Date.parse(v)) ? 'an ISO 8601 time like 2026-12-06T18:30:00Z (the Expiration STS returned)' : null),
        ],
      },
      profile: {
        label: 'Profile',
        ignoreWhen: needs(['profile']),
        validators: [required('pick a profile from ~/.aws')],
      },
      region: {
        label: 'Region',
        initial: ctx.session.config.aws?.region ?? '',
        validators: [required('pick the region to install in')],
      },
    },
    {
      credentials: {
        label: 'your credentials',
        fields: ['mode', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'profile'],
        debounceMs: 500,
        satisfiedWhen: saved,
        run: (v) =>
          ctx.api.post<CredentialsCheck>('/credentials', {
            mode: v.mode,
            accessKeyId: v.mode === 'profile' ? undefined : v.accessKeyId,
            secretAccessKey: v.mode === 'profile' ? undefined : v.secretAccessKey,
            sessionToken: v.mode === 'temporary' ? v.sessionToken : undefined,
            expiration: v.mode === 'temporary' && v.expiration ? v.expiration : undefined,
            profile: v.mode === 'profile' ? v.profile : undefined,
          }),
        onAnswer: (a: CredentialsCheck) => {
          identity = a.identity ?? null;
          warning = a.warning ?? '';
          if (!a.ok) return;
          // Accepted: the server holds the secrets now; the page drops its copy.
          have.credentials = true;
          ctx.session.identity = identity;
          queueMicrotask(() => {
            form.set('secretAccessKey', '', { silent: true, keepAnswers: true });
            form.set('sessionToken', '', { silent: true, keepAnswers: true });
            form.set('accessKeyId', '', { silent: true, keepAnswers: true });
            form.set('saved', true, { keepAnswers: true });
            void loadRegions();
          });
        },
      },
      region: {
        label: 'the region',
        fields: ['region'],
        debounceMs: 0,
        ignoreWhen: (v) => !saved(v),
        run: (v) => ctx.api.post<RegionCheck>('/region', { region: v.region }),
        onAnswer: (a: RegionCheck) => {
          if (a.ok && a.zones) ctx.zones = a.zones;
        },
      },
    },
  );
  const loadRegions = async () => {
    try {
      regions = (await ctx.api.get<{ regions: string[] }>('/regions')).regions;
      listError = '';
      if (!form.values.region && regions.includes('us-east-1')) form.set('region', 'us-east-1');
      else if (form.checkState('region').answer === null) void form.check('region');
    } catch (e) {
      listError = loadError('the regions', e);
    }
    form.refresh();
  };
  // Typing a new credential means the saved one is being replaced.
  const editing = () => {
    if (form.values.saved) form.set('saved', false);
  };
  return {
    id: 'credentials',
    title: 'Credentials & region',
    intro:
      'The AWS identity tectonic installs with, checked live with STS GetCallerIdentity. The keys stay in the tectonic process\'s memory: never in this page, its storage or on disk.',
    form,
    enter: async () => {
      try {
        profiles = (await ctx.api.get<{ profiles: string[] }>('/profiles')).profiles;
      } catch {
        profiles = [];
      }
      if (form.values.saved) await loadRegions();
      form.refresh();
    },
    render: (scope) => [
      radioGroup(
        scope,
        form,
        'mode',
        'Kind of credentials',
        [
          { value: 'static', label: 'Access key', hint: 'An IAM user\'s long-lived key ID and secret.' },
          { value: 'temporary', label: 'Temporary credentials', hint: 'Key, secret and session token from STS or SSO; they must outlast the install.' },
          { value: 'profile', label: 'Profile from ~/.aws', hint: 'A named profile of this machine\'s AWS configuration.' },
        ],
        editing,
      ),
      h(
        'div',
        { class: 'grid2' },
        textField(scope, form, 'accessKeyId', {
          label: 'Access key ID',
          placeholder: 'AKIA…',
          onInput: editing,
          saved: () => saved(form.values) && form.values.mode !== 'profile',
        }),
        textField(scope, form, 'secretAccessKey', {
          label: 'Secret access key',
          type: 'password',
          autocomplete: 'off',
          onInput: editing,
          saved: () => saved(form.values) && form.values.mode !== 'profile',
        }),
      ),
      textField(scope, form, 'sessionToken', {
        label: 'Session token',
        type: 'password',
        onInput: editing,
        saved: () => saved(form.values) && form.values.mode === 'temporary',
      }),
      textField(scope, form, 'expiration', {
        label: 'Expires at',
        placeholder: '2026-12-06T18:30:00Z',
        hint: 'The Expiration of these credentials, as STS or your SSO tool printed it: the install (about 45 min on AWS) must end before it.',
        saved: () => saved(form.values) && form.values.mode === 'temporary',
      }),
      selectField(scope, form, 'profile', {
        label: 'Profile',
        options: () => profiles.map((p) => ({ value: p, label: p })),
        placeholder: () => (profiles.length ? 'Choose a profile…' : 'No profile in ~/.aws/credentials or ~/.aws/config'),
        onPick: editing,
        saved: () => saved(form.values) && form.values.mode === 'profile',
      }),
      liveNote(scope, form, () => {
        const st = form.checkState('credentials');
        if (st.pending) return h('p', { class: 'checking' }, 'Checking your credentials with AWS…');
        if (!identity || !identity.account) return null;
        const exp = identity.expiration ? new Date(identity.expiration) : null;
        return [
          h(
          'dl',
          { class: 'identity' + (form.values.saved ? ' ok' : '') },
          h('dt', {}, 'Account'),
          h('dd', {}, identity.account),
          h('dt', {}, 'ARN'),
          h('dd', { class: 'mono' }, identity.arn),
          exp
            ? [
                h('dt', {}, 'Expires'),
                h(
                  'dd',
                  {},
                  `${exp.toLocaleString()} (in ${formatSeconds((exp.getTime() - Date.now()) / 1000)}) — `,
                  identity.outlastsInstall === false
                    ? h('strong', { class: 'bad' }, 'before the install would end')
                    : 'outlasts the install',
                ),
              ]
            : null,
          ),
          warning ? h('p', { class: 'callout warn' }, warning) : null,
        ];
      }),
      selectField(scope, form, 'region', {
        label: 'Region',
        options: () => regions.map((r) => ({ value: r, label: r })),
        placeholder: () => (form.values.saved ? 'Choose a region…' : 'Verify your credentials first'),
        hint: 'The regions your account can use (EC2 DescribeRegions).',
      }),
      liveNote(scope, form, () =>
        listError
          ? h('p', { class: 'error' }, listError)
          : ctx.zones.length && form.checkState('region').answer?.ok
            ? h('p', { class: 'hint' }, `Availability zones: ${ctx.zones.join(', ')}`)
            : null,
      ),
    ],
  };
}
