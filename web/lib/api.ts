import type { ErrorCode, FieldError, Problem } from '../../contracts/errors';

/**
 * An error answer from the API, with its field errors keyed by form path (`email`,
 * `doctor.hospitalId`). `message` and `fieldErrors` are the server's English, for logs and
 * developers; screens word them from `code` and `fields` (see lib/messages.ts).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly fieldErrors: Record<string, string>;
  /** The first field error per form path, with its issue code and limits. */
  readonly fields: Record<string, FieldError>;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL');
    this.problem = problem;
    this.fields = byFormPath(problem?.errors ?? []);
    this.fieldErrors = Object.fromEntries(Object.entries(this.fields).map(([k, e]) => [k, e.message]));
  }
}

/** `body.doctor.hospitalId` -> `doctor.hospitalId`; the first error per field wins. */
function byFormPath(errors: FieldError[]): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const e of errors) {
    const key = e.path.replace(/^(body|query|querystring|params)\.?/, '');
    if (key && !(key in out)) out[key] = e;
  }
  return out;
}

const HOSPITAL_KEY = 'hospitium.hospitalId';
let csrfToken: string | null = null;

/** Set from /api/auth/me: every state-changing request made with the cookie must echo it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The hospital a staff member chose in the switcher; sent as X-Hospital-Id. */
export function getActiveHospital(): string | null {
  try {
    return window.localStorage.getItem(HOSPITAL_KEY);
  } catch {
    return null;
  }
}

export function setActiveHospital(id: string | null): void {
  try {
    if (id) window.localStorage.setItem(HOSPITAL_KEY, id);
    else window.localStorage.removeItem(HOSPITAL_KEY);
  } catch {
    // Private mode without storage: the server falls back to the person's first hospital.
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Leave out X-Hospital-Id (used to recover when the stored hospital is no longer valid). */
  withoutHospital?: boolean;
}

/** Listeners told when the session has ended (401), so the app can send the person to sign in. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls the Hospitium API with the session cookie, CSRF token and active hospital. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // FormData (file uploads) sets its own multipart content type, boundary included; a Blob (a CSV
  // file's text) goes as it is, with its own type.
  const multipart = opts.body instanceof FormData || opts.body instanceof Blob;
  if (opts.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (opts.body instanceof Blob && opts.body.type) headers['content-type'] = opts.body.type;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const hospital = opts.withoutHospital ? null : getActiveHospital();
  if (hospital) headers['x-hospital-id'] = hospital;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : multipart
            ? (opts.body as FormData | Blob)
            : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, null, 'The server could not be reached. Check your connection and try again.');
  }

  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  let payload: unknown = null;
  if (type.includes('json')) payload = await res.json().catch(() => null);
  // Every answer's body is read or let go: in Chromium an unread one (a proxy's HTML error page)
  // kept its request open for as long as the page lived, API answers being no-store (ADR 22).
  else await res.body?.cancel().catch(() => undefined);
  if (!res.ok) {
    const problem = payload && typeof payload === 'object' && 'code' in payload ? (payload as Problem) : null;
    const error = new ApiError(res.status, problem, `The server answered ${res.status}.`);
    if (res.status === 401 && !path.startsWith('/api/auth/')) for (const l of unauthenticatedListeners) l();
    throw error;
  }
  return payload as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  api<T>('GET', path, { query, signal });
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, { body: body ?? {} });
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, { body });
/** A record that does not exist or is not this caller's to see (the server answers both alike), or a malformed id. */
export const isMissing = (err: unknown): boolean =>
  err instanceof ApiError && (err.status === 404 || err.status === 400);

export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, { body });
export const del = <T>(path: string) => api<T>('DELETE', path);
/** A multipart upload (FormData): CSRF token and active hospital as for any other call. */
export const upload = <T>(path: string, form: FormData) => api<T>('POST', path, { body: form });
/** A file's text posted as it is (a CSV import), with the file's content type. */
export const postFile = <T>(path: string, file: Blob) => api<T>('POST', path, { body: file });

/**
 * Every row of a paged list (staff, doctors, hospitals: hundreds at most), so the table can search,
 * sort and page it in the browser. Stops at `cap` rows to stay safe against a runaway list.
 */
export async function getAllPages<T>(
  path: string,
  query: Query = {},
  signal?: AbortSignal,
  cap = 2000,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < cap; offset += 100) {
    const page = await get<{ items: T[]; total: number }>(path, { ...query, limit: 100, offset }, signal);
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) break;
  }
  return out;
}

/**
 * A file the API answers with (a CSV export), fetched with the active hospital like any other call,
 * with the file name the server suggests.
 */
export async function getFile(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = {};
  const hospital = getActiveHospital();
  if (hospital) headers['x-hospital-id'] = hospital;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, 'The server could not be reached. Check your connection and try again.');
  }
  if (!res.ok) {
    const payload: unknown = await res.json().catch(() => null);
    const problem = payload && typeof payload === 'object' && 'code' in payload ? (payload as Problem) : null;
    throw new ApiError(res.status, problem, `The server answered ${res.status}.`);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  return { blob: await res.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
}

/** The URL of an API path with its query, for links (`href`) to API answers. */
export const apiUrl = (path: string, query?: Query) => buildUrl(path, query);
