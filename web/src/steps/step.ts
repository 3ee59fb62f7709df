// What every step is: a Form (rules + server checks) and a view of it, sharing one context.

import type { Api, Check, Session, StepId } from '../api.ts';
import type { Child } from '../dom.ts';
import type { Form } from '../form.ts';
import type { Scope } from '../ui.ts';

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
export function onField<T extends Check>(field: string, p: Promise<T>): Promise<T> {
  return p.then((a) => ({ ...a, errors: (a.errors ?? []).map((e) => ({ ...e, field })) }));
}

export const loadError = (what: string, e: unknown) =>
  `Could not load ${what}: ${e instanceof Error ? e.message : String(e)}`;

