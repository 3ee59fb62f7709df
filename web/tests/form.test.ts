import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Form, pattern, required, type CheckAnswer, type Timers } from '../src/form.ts';

/** Timers the test fires by hand: no sleeps. */
class ManualTimers implements Timers {
  private next = 1;
  readonly due = new Map<number, () => void>();
  setTimeout = (fn: () => void) => {
    const id = this.next++;
    this.due.set(id, fn);
    return id;
  };
  clearTimeout = (t: unknown) => {
    this.due.delete(t as number);
  };
  fireAll() {
    const fns = [...this.due.values()];
    this.due.clear();
    fns.forEach((f) => f());
  }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((r) => setImmediate(r));

function clusterForm(timers: Timers, run: (v: Record<string, unknown>) => Promise<CheckAnswer>) {
  return new Form(
    {
      name: { label: 'Cluster name', validators: [required('enter a name'), pattern(/^[a-z][-a-z0-9]*$/, 'lower-case letters, digits and -')] },
      baseDomain: { label: 'Base domain', validators: [required('pick a hosted zone')] },
    },
    { cluster: { label: 'the cluster name', fields: ['name', 'baseDomain'], run, debounceMs: 300 } },
    timers,
  );
}

test('a stale server answer is dropped: the newer one wins whatever the arrival order', async () => {
  const timers = new ManualTimers();
  const calls: { name: unknown; d: ReturnType<typeof deferred<CheckAnswer>> }[] = [];
  const form = clusterForm(timers, (v) => {
    const d = deferred<CheckAnswer>();
    calls.push({ name: v.name, d });
    return d.promise;
  });
  form.set('baseDomain', 'example.com');
  form.set('name', 'taken');
  timers.fireAll();
  form.set('name', 'fresh');
  timers.fireAll();
  assert.deepEqual(calls.map((c) => c.name), ['taken', 'fresh']);
  calls[1].d.resolve({ ok: true, errors: [] });
  await flush();
  assert.equal(form.blocker(), null);
  // The older answer arrives last and says no: it must not undo the fresh one.
  calls[0].d.resolve({ ok: false, errors: [{ field: 'name', message: "'taken' is in use" }] });
  await flush();
  assert.equal(form.blocker(), null);
  assert.equal(form.serverError('name'), null);
});

test('typing within the debounce window sends one check, with the last value', async () => {
  const timers = new ManualTimers();
  const sent: unknown[] = [];
  const form = clusterForm(timers, async (v) => {
    sent.push(v.name);
    return { ok: true, errors: [] };
  });
  form.set('baseDomain', 'example.com');
  for (const name of ['d', 'de', 'dem', 'demo']) form.set('name', name);
  assert.equal(timers.due.size, 1);
  timers.fireAll();
  await flush();
  assert.deepEqual(sent, ['demo']);
});

test('no server check while a field breaks its own rule; the blocker names the field', async () => {
  const timers = new ManualTimers();
  let calls = 0;
  const form = clusterForm(timers, async () => {
    calls++;
    return { ok: true, errors: [] };
  });
  assert.equal(form.blocker(), 'Cluster name: enter a name');
  form.set('name', 'Bad_Name');
  form.set('baseDomain', 'example.com');
  timers.fireAll();
  await flush();
  assert.equal(calls, 0);
  assert.equal(form.blocker(), 'Cluster name: lower-case letters, digits and -');
  assert.equal(form.visibleError('name'), null, 'not shown before the user touched it');
  form.touch('name');
  assert.equal(form.visibleError('name'), 'lower-case letters, digits and -');
});

test('the server error is shown on its field and blocks; a change clears it until rechecked', async () => {
  const timers = new ManualTimers();
  const form = clusterForm(timers, async (v) =>
    v.baseDomain === 'private.example'
      ? { ok: false, errors: [{ field: 'baseDomain', message: 'private.example is a private zone' }] }
      : { ok: true, errors: [] },
  );
  form.set('name', 'demo');
  form.set('baseDomain', 'private.example');
  assert.equal(form.blocker(), 'Checking the cluster name with AWS…');
  timers.fireAll();
  await flush();
  assert.equal(form.visibleError('baseDomain'), 'private.example is a private zone');
  assert.equal(form.blocker(), 'Base domain: private.example is a private zone');
  form.set('baseDomain', 'example.com');
  assert.equal(form.serverError('baseDomain'), null);
  timers.fireAll();
  await flush();
  assert.equal(form.valid, true);
});

test('a failed request blocks with its reason; ignored fields and checks do not count', async () => {
  const timers = new ManualTimers();
  const form = new Form(
    {
      mode: { label: 'Kind', initial: 'static' },
      sessionToken: { label: 'Session token', validators: [required()], ignoreWhen: (v) => v.mode !== 'temporary' },
      accessKeyId: { label: 'Access key ID', validators: [required()] },
    },
    {
      credentials: {
        label: 'your credentials',
        fields: ['mode', 'sessionToken', 'accessKeyId'],
        manual: true,
        run: async () => {
          throw new Error('the server does not answer');
        },
      },
    },
    timers,
  );
  form.set('accessKeyId', 'AKIAEXAMPLE');
  assert.equal(form.blocker(), 'Your credentials: not checked yet');
  await form.check('credentials');
  assert.equal(form.blocker(), 'Could not check your credentials: the server does not answer');
  form.set('mode', 'temporary');
  assert.equal(form.blocker(), 'Session token: required');
});

test('dependent fields re-validate when what they depend on changes', () => {
  const form = new Form({
    password: { label: 'Admin password' },
    confirm: {
      label: 'Confirm password',
      dependsOn: ['password'],
      validators: [(v, all) => (v !== all.password ? 'the passwords differ' : null)],
    },
  });
  form.set('confirm', 'abc');
  assert.equal(form.syncError('confirm'), 'the passwords differ');
  form.set('password', 'abc');
  assert.equal(form.syncError('confirm'), null);
});

test('satisfiedWhen lets a step pass without a fresh answer (the server holds the secret)', () => {
  const form = new Form(
    { email: { label: 'Admin email', initial: 'a@b.io' } },
    { console: { label: 'the console login', fields: ['email'], manual: true, run: async () => ({ ok: true, errors: [] }), satisfiedWhen: (v) => v.email === 'a@b.io' } },
  );
  assert.equal(form.valid, true);
});

test('the blocker reads in page order: a failed check comes before the fields below it', async () => {
  const timers = new ManualTimers();
  const form = new Form(
    {
      accessKeyId: { label: 'Access key ID', initial: 'AKIAEXAMPLE' },
      region: { label: 'Region', validators: [required('pick the region')] },
    },
    {
      credentials: {
        label: 'your credentials',
        fields: ['accessKeyId'],
        run: async () => ({ ok: false, errors: [{ field: 'accessKeyId', message: 'AWS does not know this key' }] }),
      },
    },
    timers,
  );
  await form.check('credentials');
  assert.equal(form.blocker(), 'Access key ID: AWS does not know this key');
});

test('keepAnswers: dropping an accepted secret keeps the answer and sends nothing', async () => {
  const timers = new ManualTimers();
  let calls = 0;
  const form = new Form(
    { secret: { label: 'Secret access key', validators: [required()], ignoreWhen: (v) => v.saved === true }, saved: { label: 'saved', initial: false } },
    { credentials: { label: 'your credentials', fields: ['secret'], run: async () => (calls++, { ok: true, errors: [] }) } },
    timers,
  );
  form.set('secret', 'x'.repeat(40));
  timers.fireAll();
  await flush();
  form.set('secret', '', { keepAnswers: true });
  form.set('saved', true, { keepAnswers: true });
  assert.equal(timers.due.size, 0);
  assert.equal(calls, 1);
  assert.equal(form.blocker(), null);
});
