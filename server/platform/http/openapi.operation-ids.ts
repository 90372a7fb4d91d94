/**
 * operationIds for the OpenAPI document. Client generators name their methods after them, so they
 * must be stable, unique and readable: each is derived from the route's method and URL
 * (`GET /api/patients/:id` → `getPatient`), a route may set `schema.operationId` itself, and the
 * table below renames the few whose derived name would read poorly.
 */

/** `METHOD /url` (as registered) → operationId, where the derived name reads poorly. */
export const OPERATION_ID_OVERRIDES: Readonly<Record<string, string>> = {
  'GET /api/auth/me': 'getCurrentUser',
  'GET /api/auth/2fa': 'getTwoFactorStatus',
  'POST /api/auth/2fa/setup': 'setUpTwoFactor',
  'POST /api/auth/password': 'changePassword',
  'POST /api/auth/token': 'issueTokens',
  'GET /api/jobs/failed': 'listFailedJobs',
  'POST /api/patients': 'registerPatient',
  'POST /api/patients/:patientId/documents': 'uploadPatientDocument',
  'GET /api/documents/:id/download': 'downloadDocument',
  'GET /api/doctors/me': 'listOwnDoctorProfiles',
  'POST /api/notifications/:id/read': 'markNotificationRead',
  'POST /api/notifications/read-all': 'markAllNotificationsRead',
  'GET /api/notifications/preferences': 'getNotificationPreferences',
  'POST /api/notifications/test': 'sendTestNotification',
};

/** Path segments that only group routes and add nothing to a name. */
const NAMESPACES = new Set(['api', 'auth']);
/** Segments spelled differently inside an identifier. */
const SPELLING: Readonly<Record<string, string>> = { '2fa': 'two-factor' };
/** Nouns that name a collection without a plural -s, and what one item of them is called. */
const COLLECTIONS: Readonly<Record<string, string>> = { staff: 'staff-member', outbox: 'outbox-message' };

const VERB_BY_METHOD: Readonly<Record<string, string>> = {
  GET: 'get',
  PATCH: 'update',
  PUT: 'set',
  DELETE: 'delete',
  POST: 'create',
};

function pascal(word: string): string {
  return (SPELLING[word] ?? word)
    .split(/[-_.]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function camel(word: string): string {
  const p = pascal(word);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** A regular plural: `patients`, `allergies`; not `access` or `status`. */
const PLURAL = /[^su]s$/;

function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  return PLURAL.test(word) ? word.slice(0, -1) : word;
}

function isCollection(word: string): boolean {
  return word in COLLECTIONS || PLURAL.test(word);
}

/** The word for one item of a collection: `allergies` → `allergy`, `staff` → `staff-member`. */
function item(word: string): string {
  return COLLECTIONS[word] ?? singular(word);
}

/** A segment used as a qualifier in front of another noun: `notifications` → `Notification`. */
function qualifier(word: string): string {
  return pascal(singular(word));
}

type Segment = { param: string } | { word: string };

/** The operationId a route gets from its method and URL alone. */
export function deriveOperationId(method: string, url: string): string {
  const segments: Segment[] = url
    .split('/')
    .filter((s) => s !== '' && !NAMESPACES.has(s))
    .map((s) => (s.startsWith(':') ? { param: s.slice(1) } : { word: s }));
  const verb = VERB_BY_METHOD[method.toUpperCase()] ?? method.toLowerCase();
  const last = segments.at(-1);
  if (!last) return verb;
  // The named things before the last segment, each one item when a parameter picks it out.
  const owner = (upTo: number) =>
    segments
      .slice(0, upTo)
      .map((s, i) => {
        if ('param' in s) return '';
        return 'param' in (segments[i + 1] ?? { word: '' }) ? pascal(item(s.word)) : qualifier(s.word);
      })
      .join('');

  if ('param' in last) return verb + owner(segments.length);

  const word = last.word;
  const before = segments.at(-2);
  if (word === 'me' && method.toUpperCase() === 'GET' && before && 'word' in before) {
    return `getOwn${pascal(item(before.word))}`;
  }
  const prefix = owner(segments.length - 1);
  if (isCollection(word)) {
    if (method.toUpperCase() === 'GET') return `list${prefix}${pascal(word)}`;
    if (method.toUpperCase() === 'POST') return `create${prefix}${pascal(item(word))}`;
    return `${verb}${prefix}${pascal(word)}`;
  }
  // POST to a singular word is an action: `/doctors/:id/approve` → approveDoctor, `/sign-in` → signIn.
  if (method.toUpperCase() === 'POST') return camel(word) + prefix;
  return `${verb}${prefix}${pascal(word)}`;
}

/** The operationId of a route: its own `schema.operationId`, else the override, else the derived one. */
export function operationIdOf(method: string, url: string, declared?: string): string {
  return (
    declared ?? OPERATION_ID_OVERRIDES[`${method.toUpperCase()} ${url}`] ?? deriveOperationId(method, url)
  );
}
