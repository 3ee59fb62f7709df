// The wizard's side of docs/gui-api.md: the shape of every body, and the client that sends them.
// The token comes from the URL fragment and lives in this module's memory only: it is never
// written to localStorage, sessionStorage, cookies, the DOM or a URL the page builds.

export type Phase = 'wizard' | 'installing' | 'failed' | 'done' | 'destroying' | 'destroyed';
export type StepId =
  | 'credentials'
  | 'cluster'
  | 'ca'
  | 'ssh'
  | 'kms'
  | 'nodes'
  | 'networking'
  | 'console'
  | 'review';

export interface FieldError {
  field: string;
  message: string;
}

/** Every field check answers 200 with this, plus data of its own. */
export interface Check {
  ok: boolean;
  errors: FieldError[];
}

export interface Pool {
  count: number;
  instanceType: string;
  rootVolumeGiB: number;
  rootVolumeType: string;
}

export interface VpcDraft {
  id?: string;
  cidr?: string;
  masterSubnets?: string[];
  workerSubnets?: string[];
  natGateways?: 'perZone' | 'single';
}

/** cluster.yaml's non-secret fields, in its own names. */
export interface Draft {
  name?: string;
  baseDomain?: string;
  aws?: {
    region?: string;
    zones?: string[];
    hostedZoneId?: string;
    sshKeyName?: string;
    kmsKeyArn?: string;
    vpc?: VpcDraft;
    tags?: Record<string, string>;
  };
  networking?: { podCidr?: string; serviceCidr?: string };
  nodes?: { masters?: Partial<Pool>; workers?: Partial<Pool>; etcd?: Partial<Pool> };
  tectonic?: { adminEmail?: string };
}

export interface Identity {
  account: string;
  arn: string;
  expiration: string | null;
  outlastsInstall: boolean | null;
}

export interface Have {
  credentials: boolean;
  license: boolean;
  pullSecret: boolean;
  ca: boolean;
  adminPassword: boolean;
}

export interface Session {
  phase: Phase;
  dir: string;
  step: StepId;
  config: Draft;
  have: Have;
  identity: Identity | null;
  failure: string | null;
}

export type CredentialsMode = 'static' | 'temporary' | 'profile';
export interface CredentialsRequest {
  mode: CredentialsMode;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  profile?: string;
  /** Temporary credentials: when they expire (ISO 8601, as STS returned it). */
  expiration?: string;
}
export interface CredentialsCheck extends Check {
  identity?: Identity;
  /** e.g. temporary credentials without an expiry: it cannot be told whether they last. */
  warning?: string;
}

export interface RegionCheck extends Check {
  zones?: string[];
}

export interface HostedZone {
  id: string;
  name: string;
  private: boolean;
  disabledReason: string;
}

export interface ClusterRequest {
  name: string;
  baseDomain: string;
  hostedZoneId: string;
  tags: Record<string, string>;
}

export interface CaRequest {
  mode: 'generate' | 'upload';
  certificate?: string;
  key?: string;
}

export interface KeyPairs {
  keyPairs: string[];
  fix: string;
}

export interface KmsKey {
  arn: string;
  alias: string;
  enabled: boolean;
  disabledReason: string;
}

export interface KmsRequest {
  mode: 'create' | 'existing';
  arn?: string;
}

export interface NodesRequest {
  masters: Pool;
  workers: Pool;
  etcd: Pool;
}

export interface Subnet {
  id: string;
  cidr: string;
  zone: string;
  public: boolean;
}
export interface Vpc {
  id: string;
  cidr: string;
  name: string;
  subnets: Subnet[];
}

export interface NetworkingRequest {
  mode: 'new' | 'existing';
  vpcId?: string;
  cidr?: string;
  /** New VPC: one CIDR per zone. Existing VPC: one subnet id per zone. */
  masterSubnets: string[];
  workerSubnets: string[];
  podCidr: string;
  serviceCidr: string;
  natGateways: 'perZone' | 'single';
}

export interface ConsoleRequest {
  adminEmail: string;
  adminPassword: string;
}
export interface ConsoleCheck extends Check {
  rule?: string;
}

export type PreflightStatus = 'pass' | 'fail' | 'warn' | 'skip';
export interface PreflightItem {
  id: string;
  title?: string;
  status: PreflightStatus;
  message: string;
  fix: string;
}
export interface PlanStep {
  key: string;
  kind: string;
  seconds: number;
}
export interface Plan {
  counts: Record<string, number>;
  total: number;
  criticalPath: PlanStep[];
  expectedSeconds: number;
  notes?: string[];
}
export interface Review {
  ok: boolean;
  errors?: FieldError[];
  preflight: PreflightItem[];
  /** Null while cluster.yaml is not complete (the preflight then lists what is missing). */
  plan: Plan | null;
}

export interface Done {
  apiUrl: string;
  consoleUrl: string;
  clusterId: string;
  kubeconfig: string;
  commands: { status: string; destroy: string };
  /** What the last destroy could not remove ("ec2:vpc vpc-0abc (detail)"); empty = clean. */
  leftovers: string[];
}

/** One engine event (engine::EventToJson plus its sequence number). */
export interface EngineEvent {
  seq: number;
  time: string;
  type: string;
  key?: string;
  kind?: string;
  detail?: string;
  attempt?: number;
  elapsed_ms?: number;
  total?: number;
}

export interface PhaseEvent {
  phase: Phase;
  failure: string | null;
}

/** A refusal (4xx/5xx) with the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads `#token=...` (other fragment parameters are allowed beside it). */
export function tokenFromHash(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('token') ?? '';
}

export class Api {
  constructor(
    private readonly token: string,
    private readonly base = '',
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  get hasToken(): boolean {
    return this.token !== '';
  }

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { 'X-Tectonic-Token': this.token };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: this.headers(method !== 'GET'),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    };
    if (method !== 'GET') init.body = JSON.stringify(body ?? {});
    let res: Response;
    try {
      res = await this.fetchFn(this.base + '/api' + path, init);
    } catch {
      throw new ApiError(0, 'The tectonic gui server does not answer: is it still running?');
    }
    if (!res.ok) {
      let message = `${res.status} ${res.statusText}`;
      try {
        const j = (await res.json()) as { error?: string };
        if (j.error) message = j.error;
      } catch {
        /* not JSON: keep the status line */
      }
      if (res.status === 401 || res.status === 403) {
        message += ' (open the URL that `tectonic gui` printed, with its #token=...)';
      }
      throw new ApiError(res.status, message);
    }
    return res;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.send('GET', path)).json()) as T;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await (await this.send('POST', path, body)).json()) as T;
  }

  /** A file the user downloads (kubeconfig, cluster.yaml): fetched with the token, as a Blob. */
  async blob(path: string): Promise<Blob> {
    return (await this.send('GET', path)).blob();
  }

  /** Opens GET /events; the caller reads the body (see sse.ts). */
  async events(lastEventId: string | null, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      'X-Tectonic-Token': this.token,
      Accept: 'text/event-stream',
    };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const res = await this.fetchFn(this.base + '/api/events', {
      headers,
      signal,
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!res.ok || !res.body) throw new ApiError(res.status, `event stream: ${res.status}`);
    return res;
  }
}
