// How full the wards are: today by ward, and over the last days (the hospital admin's room
// information and the nurse's beds card on their dashboards).
import { z } from 'zod';
import { IsoDate, Uuid } from './common';
import { WardKind } from './wards';

export const WardOccupancy = z.object({
  wardId: Uuid,
  name: z.string(),
  kind: WardKind,
  /** Active beds in the ward (in service or not). */
  beds: z.number().int(),
  occupied: z.number().int(),
  available: z.number().int(),
  reserved: z.number().int(),
  cleaning: z.number().int(),
  maintenance: z.number().int(),
});
export type WardOccupancy = z.infer<typeof WardOccupancy>;

export const OccupancyDay = z.object({
  day: IsoDate,
  /** Patients in a bed at the day's census: midnight at its end, hospital time (today: now). */
  occupied: z.number().int(),
  /** Beds that existed and are active, at that census. */
  beds: z.number().int(),
});

export const OccupancyReport = z.object({
  wards: z.array(WardOccupancy),
  /** Oldest first, ending today. */
  days: z.array(OccupancyDay),
  admittedToday: z.number().int(),
  dischargedToday: z.number().int(),
  /** Mean length of the stays that ended in the period, in days; null when none ended. */
  averageStayDays: z.number().nullable(),
});
export type OccupancyReport = z.infer<typeof OccupancyReport>;

export const OccupancyQuery = z.strictObject({
  days: z.coerce.number().int().min(7).max(90).default(30),
});
