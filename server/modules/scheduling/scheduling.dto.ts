// Rows to contract shapes.
import type { AvailabilityException, AvailabilityTemplate } from '../../../contracts/scheduling';
import type { ExceptionRow, TemplateRow } from './scheduling.repo';

/** PostgreSQL's `time` comes back as HH:MM:SS; the contract speaks HH:MM. */
const hhmm = (t: string) => t.slice(0, 5);

export function toTemplate(t: TemplateRow): AvailabilityTemplate {
  return {
    id: t.id,
    doctorId: t.doctorProfileId,
    hospitalId: t.hospitalId,
    weekday: t.weekday,
    startTime: hhmm(t.startTime),
    endTime: hhmm(t.endTime),
    slotMinutes: t.slotMinutes,
    effectiveFrom: t.effectiveFrom,
    effectiveTo: t.effectiveTo,
  };
}

export function toException(e: ExceptionRow): AvailabilityException {
  return {
    id: e.id,
    hospitalId: e.hospitalId,
    doctorId: e.doctorProfileId,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    startTime: e.startTime ? hhmm(e.startTime) : null,
    endTime: e.endTime ? hhmm(e.endTime) : null,
    reason: e.reason,
  };
}
