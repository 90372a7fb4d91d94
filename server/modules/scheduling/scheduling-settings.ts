// How a hospital runs its appointments: the cut-off for patients' own changes and the no-show
// grace period. A hospital without its own settings has the defaults below.
import { sql } from 'drizzle-orm';
import type { SchedulingSettings, UpdateSchedulingSettings } from '../../../contracts/scheduling';
import { queryRows, type Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { schedulingSettings } from './scheduling.tables';

/** Patients move or cancel online until 2 hours before; 30 minutes after the start is a no-show. */
export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  patientChangeCutoffHours: 2,
  noShowGraceMinutes: 30,
};

export async function schedulingSettingsOf(exec: Executor, hospitalId: string): Promise<SchedulingSettings> {
  const rows = await queryRows<{ patient_change_cutoff_hours: number; no_show_grace_minutes: number }>(
    exec,
    sql`select patient_change_cutoff_hours, no_show_grace_minutes from scheduling_settings where hospital_id = ${hospitalId}`,
  );
  const r = rows[0];
  return r
    ? { patientChangeCutoffHours: r.patient_change_cutoff_hours, noShowGraceMinutes: r.no_show_grace_minutes }
    : DEFAULT_SCHEDULING_SETTINGS;
}

export async function getSchedulingSettings(ctx: Ctx): Promise<SchedulingSettings> {
  return schedulingSettingsOf(ctx.db, requireHospital(ctx.actor));
}

export async function updateSchedulingSettings(
  ctx: Ctx,
  input: UpdateSchedulingSettings,
): Promise<SchedulingSettings> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    // Lock the hospital's row so two admins' changes apply one after the other.
    await queryRows(tx, sql`select 1 from hospitals where id = ${hospitalId} for update`);
    const before = await schedulingSettingsOf(tx, hospitalId);
    const next = { ...before, ...input };
    await tx
      .insert(schedulingSettings)
      .values({ hospitalId, ...next, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: schedulingSettings.hospitalId,
        set: { ...next, updatedBy: ctx.actor.userId, updatedAt: new Date() },
      });
    await audit(tx, ctx, {
      action: 'scheduling.settings_changed',
      entityType: 'hospital',
      entityId: hospitalId,
      before,
      after: next,
    });
  });
  return getSchedulingSettings(ctx);
}
