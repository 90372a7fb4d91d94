import type { PatientPage, PatientSearch } from '../../../contracts/patients';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { toSummary } from './patients.dto';
import { searchRegistered, type PatientMatch } from './patients.search.repo';

const PHONE_SHAPE = /^\+?[\d\s\-().]+$/;
// A hospital code (letters and digits, maybe dash-separated) then the number: CGH-000123.
const MRN_SHAPE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*-\d+$/;

/**
 * Reads the search box: 6+ digits is a phone number (normalised like the Phone contract; with a
 * leading + it must match exactly, without one it matches the number's end); the MRN shape is an
 * exact MRN; anything else is a typo-tolerant name.
 */
export function classifyQuery(q: string | undefined): PatientMatch {
  const text = (q ?? '').trim().replace(/\s+/g, ' ');
  if (!text) return { kind: 'all' };
  if (PHONE_SHAPE.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 6) {
      return text.startsWith('+')
        ? { kind: 'phone-exact', phone: `+${digits}` }
        : { kind: 'phone-suffix', digits };
    }
  }
  if (MRN_SHAPE.test(text)) return { kind: 'mrn', mrn: text.toUpperCase() };
  return { kind: 'name', name: text.toLowerCase() };
}

/** Searches the patients registered at the active hospital; the search itself is audited. */
export async function searchPatients(ctx: Ctx, query: PatientSearch): Promise<PatientPage> {
  return searchPatientsMatching(ctx, classifyQuery(query.q), query);
}

/** The same search, already told what it matches (the FHIR API's parameters say it themselves). */
export async function searchPatientsMatching(
  ctx: Ctx,
  match: PatientMatch,
  query: { q?: string; limit: number; offset: number },
): Promise<PatientPage> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const { rows, total } = await searchRegistered(tx, hospitalId, match, query.limit, query.offset);
    await audit(tx, ctx, {
      action: 'patient.search',
      entityType: 'patient',
      after: {
        q: query.q ?? '',
        kind: match.kind,
        limit: query.limit,
        offset: query.offset,
        resultCount: rows.length,
        total,
      },
    });
    return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
  });
}
