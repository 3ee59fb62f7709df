// The form engine: fields with synchronous format rules, server checks run (debounced) as the
// user types, fields that depend on others, and stale answers discarded. It holds no DOM; the
// views render from it and call set()/touch(). A step may go on only when blocker() is null,
// and blocker() says in words what holds it.

export type Values = Record<string, unknown>;
/** A format rule: the message when `value` breaks it, else null. */
export type Validator = (value: unknown, values: Values) => string | null;

export interface FieldSpec {
  /** The label the user sees, used in the blocker line. */
  label: string;
  initial?: unknown;
  validators?: Validator[];
  /** Re-run this field's rules when one of these changes (e.g. confirm password). */
  dependsOn?: string[];
  /** The field does not count while this holds (e.g. the session token of static keys). */
  ignoreWhen?: (values: Values) => boolean;
}

export interface CheckAnswer {
  ok: boolean;
  errors: { field: string; message: string }[];
}

export interface ServerCheckSpec<A extends CheckAnswer = CheckAnswer> {
  /** What is being checked, for the blocker line ("your credentials"). */
  label: string;
  /** Fields whose change re-runs it; it runs only when all of them pass their own rules. */
  fields: string[];
  run: (values: Values) => Promise<A>;
  /** Fresh answers only (stale ones never reach it). */
  onAnswer?: (answer: A, values: Values) => void;
  debounceMs?: number;
  /** Runs only on demand (check()), e.g. credentials when the user leaves the field. */
  manual?: boolean;
  /** The step counts as valid without an answer (e.g. the server already holds the secret). */
  satisfiedWhen?: (values: Values) => boolean;
  /** Skipped entirely while this holds. */
  ignoreWhen?: (values: Values) => boolean;
}

interface CheckState {
  seq: number;
  pending: boolean;
  answer: CheckAnswer | null;
  failure: string | null;
  timer: unknown;
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (t: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
};

export class Form {
  readonly values: Values = {};
  private readonly touched = new Set<string>();
  private readonly syncErrors = new Map<string, string>();
  private readonly checks = new Map<string, CheckState>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly fields: Record<string, FieldSpec>,
    readonly serverChecks: Record<string, ServerCheckSpec<any>> = {},
    private readonly timers: Timers = realTimers,
  ) {
    for (const [name, spec] of Object.entries(fields)) this.values[name] = spec.initial ?? '';
    for (const key of Object.keys(serverChecks)) {
      this.checks.set(key, { seq: 0, pending: false, answer: null, failure: null, timer: null });
    }
    for (const name of Object.keys(fields)) this.validate(name);
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  /** Sets a value, re-runs its rules and its dependants', and schedules its server checks. */
  set(name: string, value: unknown, opts: { touch?: boolean; silent?: boolean; keepAnswers?: boolean } = {}): void {
    this.values[name] = value;
    if (opts.touch) this.touched.add(name);
    this.validate(name);
    for (const [other, spec] of Object.entries(this.fields)) {
      if (spec.dependsOn?.includes(name)) this.validate(other);
    }
    // keepAnswers: the page drops a secret the server accepted; the answer still holds.
    for (const [key, spec] of Object.entries(this.serverChecks)) {
      if (spec.fields.includes(name) && !opts.keepAnswers) this.invalidate(key, !spec.manual);
    }
    if (!opts.silent) this.emit();
  }

  /** Sets several values at once (e.g. loaded from the server) without touching them. */
  load(values: Values): void {
    for (const [k, v] of Object.entries(values)) {
      if (v !== undefined && k in this.fields) this.set(k, v, { silent: true });
    }
    this.emit();
  }

  /** Tells the views to redraw (e.g. a list they show was loaded). */
  refresh(): void {
    this.emit();
  }

  touch(name: string): void {
    if (this.touched.has(name)) return;
    this.touched.add(name);
    this.emit();
  }

  touchAll(): void {
    for (const name of Object.keys(this.fields)) this.touched.add(name);
    this.emit();
  }

  isIgnored(name: string): boolean {
    return this.fields[name]?.ignoreWhen?.(this.values) ?? false;
  }

  private validate(name: string): void {
    const spec = this.fields[name];
    if (!spec) return;
    this.syncErrors.delete(name);
    for (const v of spec.validators ?? []) {
      const msg = v(this.values[name], this.values);
      if (msg) {
        this.syncErrors.set(name, msg);
        return;
      }
    }
  }

  /** The rule message of a field, whether or not it was touched. */
  syncError(name: string): string | null {
    return this.isIgnored(name) ? null : (this.syncErrors.get(name) ?? null);
  }

  /** The server's message about a field from the freshest answer of any check. */
  serverError(name: string): string | null {
    for (const state of this.checks.values()) {
      const e = state.answer?.errors.find((x) => x.field === name);
      if (e) return e.message;
    }
    return null;
  }

  /** What to show under a field: its rule error once touched, else the server's word on it. */
  visibleError(name: string): string | null {
    if (this.isIgnored(name)) return null;
    const sync = this.syncErrors.get(name);
    if (sync) return this.touched.has(name) ? sync : null;
    return this.serverError(name);
  }

  checkState(key: string): Readonly<CheckState> {
    return this.checks.get(key)!;
  }

  private ready(spec: ServerCheckSpec): boolean {
    return spec.fields.every((f) => this.isIgnored(f) || !this.syncErrors.has(f));
  }

  /** A value changed: the old answer no longer holds; a new check is due. */
  private invalidate(key: string, schedule: boolean): void {
    const state = this.checks.get(key)!;
    const spec = this.serverChecks[key];
    state.seq++; // any answer in flight is now stale
    state.answer = null;
    state.failure = null;
    state.pending = false;
    if (state.timer !== null) this.timers.clearTimeout(state.timer);
    state.timer = null;
    if (!schedule || !this.ready(spec) || spec.ignoreWhen?.(this.values)) return;
    state.pending = true;
    state.timer = this.timers.setTimeout(() => {
      state.timer = null;
      void this.run(key);
    }, spec.debounceMs ?? 300);
  }

  /** Runs a server check now (a manual one, or a retry). */
  check(key: string): Promise<void> {
    const state = this.checks.get(key)!;
    const spec = this.serverChecks[key];
    if (state.timer !== null) this.timers.clearTimeout(state.timer);
    state.timer = null;
    if (!this.ready(spec) || spec.ignoreWhen?.(this.values)) {
      state.pending = false;
      this.emit();
      return Promise.resolve();
    }
    return this.run(key);
  }

  private async run(key: string): Promise<void> {
    const state = this.checks.get(key)!;
    const spec = this.serverChecks[key];
    const seq = ++state.seq;
    state.pending = true;
    state.failure = null;
    this.emit();
    const sent = { ...this.values };
    try {
      const answer = await spec.run(sent);
      if (seq !== state.seq) return; // a newer check was started: this answer is stale
      state.answer = { ok: answer.ok, errors: answer.errors ?? [] };
      spec.onAnswer?.(answer, sent);
    } catch (e) {
      if (seq !== state.seq) return;
      state.answer = null;
      state.failure = e instanceof Error ? e.message : String(e);
    }
    state.pending = false;
    this.emit();
  }

  /**
   * Null when the step may go on; else the first thing that holds it, in words. Fields and
   * checks are read in page order: a check counts right after the last field it reads.
   */
  blocker(): string | null {
    const names = Object.keys(this.fields);
    const checksAfter = new Map<number, string[]>();
    for (const [key, spec] of Object.entries(this.serverChecks)) {
      const at = Math.max(-1, ...spec.fields.map((f) => names.indexOf(f)));
      checksAfter.set(at, [...(checksAfter.get(at) ?? []), key]);
    }
    for (const key of checksAfter.get(-1) ?? []) {
      const b = this.checkBlocker(key);
      if (b) return b;
    }
    for (const [i, name] of names.entries()) {
      const e = this.syncError(name);
      if (e) return `${this.fields[name].label}: ${e}`;
      for (const key of checksAfter.get(i) ?? []) {
        const b = this.checkBlocker(key);
        if (b) return b;
      }
    }
    return null;
  }

  private checkBlocker(key: string): string | null {
    const spec = this.serverChecks[key];
    if (spec.ignoreWhen?.(this.values)) return null;
    // A check waits for its own fields' rules; those report themselves.
    if (!this.ready(spec)) return null;
    const state = this.checks.get(key)!;
    if (state.pending) return `Checking ${spec.label} with AWS…`;
    if (state.failure) return `Could not check ${spec.label}: ${state.failure}`;
    if (state.answer) {
      if (state.answer.ok) return null;
      const e = state.answer.errors[0];
      if (!e) return `${capitalise(spec.label)} did not pass the server's check`;
      const label = this.fields[e.field]?.label;
      return label ? `${label}: ${e.message}` : e.message;
    }
    if (spec.satisfiedWhen?.(this.values)) return null;
    return spec.manual ? `${capitalise(spec.label)}: not checked yet` : `Waiting to check ${spec.label}`;
  }

  get valid(): boolean {
    return this.blocker() === null;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Common rules.
export const required =
  (what = 'required'): Validator =>
  (v) =>
    v === '' || v === null || v === undefined ? what : null;

export const pattern =
  (re: RegExp, message: string): Validator =>
  (v) =>
    typeof v === 'string' && v !== '' && !re.test(v) ? message : null;

export const noEdgeSpaces: Validator = (v) =>
  typeof v === 'string' && v !== v.trim() ? 'remove the spaces at its start or end' : null;

export const intRange =
  (min: number, max: number): Validator =>
  (v) => {
    const n = Number(v);
    if (v === '' || !Number.isInteger(n)) return `enter a whole number from ${min} to ${max}`;
    if (n < min || n > max) return `must be from ${min} to ${max}`;
    return null;
  };
