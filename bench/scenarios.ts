// What the benchmark measures against a running Hospitium. To add a scenario, add an entry to
// SCENARIOS; `path` returns null when the route it needs does not exist (yet) in this build.

/** The demo staff member the authenticated scenarios act as (see server/db/seed/demo-data.ts). */
export const BENCH_USER = { email: 'receptionist@hospitium.example', password: 'Hospitium-demo-2026' };

export interface BenchContext {
  baseUrl: string;
  /** Bearer token and the hospital to act in. */
  authHeaders: Record<string, string>;
  hospitalId: string;
  /** A patient registered at that hospital, when the patients API exists. */
  patientId: string | null;
}

export interface Scenario {
  name: string;
  /** Null: not measurable in this build (the route is missing). */
  path(ctx: BenchContext): string | null;
  auth: boolean;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'GET /api/patients/{id}',
    path: (c) => (c.patientId ? `/api/patients/${c.patientId}` : null),
    auth: true,
  },
  { name: 'GET /api/auth/me', path: () => '/api/auth/me', auth: true },
  { name: 'GET /healthz', path: () => '/healthz', auth: false },
];

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs in through the API, finds the hospital and a patient there. */
export async function prepareContext(baseUrl: string): Promise<BenchContext> {
  const tokens = await json<{ accessToken: string }>(
    await fetch(`${baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_USER),
    }),
    'POST /api/auth/token',
  );
  const bearer = { authorization: `Bearer ${tokens.accessToken}` };
  const me = await json<{ activeHospitalId: string | null }>(
    await fetch(`${baseUrl}/api/auth/me`, { headers: bearer }),
    'GET /api/auth/me',
  );
  if (!me.activeHospitalId) throw new Error(`${BENCH_USER.email} acts in no hospital`);
  const authHeaders = { ...bearer, 'x-hospital-id': me.activeHospitalId };

  let patientId: string | null = null;
  const list = await fetch(`${baseUrl}/api/patients?limit=1`, { headers: authHeaders });
  if (list.ok) {
    const body = (await list.json()) as { items?: { id: string }[] };
    patientId = body.items?.[0]?.id ?? null;
  }
  return { baseUrl, authHeaders, hospitalId: me.activeHospitalId, patientId };
}
