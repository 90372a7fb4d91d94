// The patient's own stays (the portal's "My stays"): their admissions at every hospital, newest
// first, each with its hospital, beds, attending doctor and, once discharged, the summary's PDF.
// Only ever the caller's own: the patient record is the actor's, never a parameter.
import type { OwnStay, OwnStayPage } from '../../../contracts/discharge';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { staysOf } from './admissions.repo';
import { ownAdmissions } from './mine.repo';

const iso = (d: Date | string) => new Date(d).toISOString();

export async function ownStays(ctx: Ctx, q: { limit: number; offset: number }): Promise<OwnStayPage> {
  const patientId = ctx.actor.patientId;
  if (!patientId) throw notFound('Patient record');
  const { rows, total } = await ownAdmissions(ctx.db, patientId, q);
  const stays = await staysOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((a): OwnStay => {
    const beds = stays
      .filter((s) => s.admissionId === a.id)
      .map((s) => ({
        wardName: s.wardName,
        bedLabel: s.bedLabel,
        from: iso(s.startedAt),
        to: s.endedAt ? iso(s.endedAt) : null,
      }));
    const last = beds[beds.length - 1];
    return {
      id: a.id,
      hospitalId: a.hospitalId,
      hospitalName: a.hospitalName,
      timeZone: a.timeZone,
      status: a.status,
      admittedAt: iso(a.admittedAt),
      dischargedAt: a.dischargedAt ? iso(a.dischargedAt) : null,
      reason: a.reason,
      ward: last?.wardName ?? '',
      bed: last?.bedLabel ?? '',
      beds,
      doctorName: a.doctorName,
      summaryPdf: a.status === 'discharged' ? `/api/wards/admissions/${a.id}/discharge-summary.pdf` : null,
    };
  });
  await auditRead(ctx, {
    action: 'wards.admissions.own_listed',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    hospitalId: null,
    after: { ids: items.map((i) => i.id) },
  });
  return { items, total, limit: q.limit, offset: q.offset };
}
