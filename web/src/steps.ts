// The nine steps of the wizard: each a Form (rules + server checks) and a view of it.

import type {
  Api,
  CredentialsCheck,
  ConsoleCheck,
  HostedZone,
  Identity,
  KeyPairs,
  KmsKey,
  Pool,
  RegionCheck,
  Session,
  StepId,
  Vpc,
  Check,
} from './api.ts';
import { defaultSubnets, networkErrors, type NamedCidr } from './cidr.ts';
import { formatSeconds, h, type Child } from './dom.ts';
import { Form, intRange, noEdgeSpaces, pattern, required, type Validator, type Values } from './form.ts';
import { fileField, liveNote, radioGroup, Scope, selectField, textArea, textField } from './ui.ts';

export interface Ctx {
  api: Api;
  session: Session;
  /** The region's availability zones (from POST /region). */
  zones: string[];
  /** Expected install duration from the last review, for the credentials' expiry note. */
  expectedSeconds: number | null;
}

export interface Step {
  id: StepId;
  title: string;
  intro: string;
  form: Form;
  /** Loads what the step lists (regions, zones, key pairs...) when it is opened. */
  enter?: () => Promise<void>;
  render: (scope: Scope) => Child;
}

/** Server errors keep their field names, except checks whose answer is about one upload. */
function onField<T extends Check>(field: string, p: Promise<T>): Promise<T> {
  return p.then((a) => ({ ...a, errors: (a.errors ?? []).map((e) => ({ ...e, field })) }));
}

const loadError = (what: string, e: unknown) =>
  `Could not load ${what}: ${e instanceof Error ? e.message : String(e)}`;

// 1. Credentials and region -------------------------------------------------------------------

function credentialsStep(ctx: Ctx): Step {
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

// 2. Cluster ----------------------------------------------------------------------------------

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

function clusterStep(ctx: Ctx): Step {
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

// 3. Certificate authority --------------------------------------------------------------------

function caStep(ctx: Ctx): Step {
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
        textArea(scope, form, 'key', { label: 'CA private key', placeholder: '-----BEGIN RSA PRIVATE KEY-----', saved: () => have.ca && form.values.mode === 'upload' }),
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

// 4. SSH key pair -----------------------------------------------------------------------------

function sshStep(ctx: Ctx): Step {
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

// 5. KMS --------------------------------------------------------------------------------------

function kmsStep(ctx: Ctx): Step {
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

// 6. Nodes ------------------------------------------------------------------------------------

const POOLS = [
  ['masters', 'Master nodes', 1, 9],
  ['workers', 'Worker nodes', 1, 999],
  ['etcd', 'etcd nodes', 1, 9],
] as const;

function nodesStep(ctx: Ctx): Step {
  let types: string[] = [];
  let listError = '';
  const fields: Record<string, import('./form.ts').FieldSpec> = {};
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

// 7. Networking -------------------------------------------------------------------------------

function networkingStep(ctx: Ctx): Step {
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
  const fields: Record<string, import('./form.ts').FieldSpec> = {
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

// 8. Console login ----------------------------------------------------------------------------

function consoleStep(ctx: Ctx): Step {
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

export function makeSteps(ctx: Ctx): Step[] {
  return [credentialsStep(ctx), clusterStep(ctx), caStep(ctx), sshStep(ctx), kmsStep(ctx), nodesStep(ctx), networkingStep(ctx), consoleStep(ctx)];
}
