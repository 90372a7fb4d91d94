// The pharmacy's background work: lapsed order reservations are released every few minutes, and each
// morning (07:00 in the hospital's own time zone) its pharmacists are told what needs attention.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { JobLog, JobRunner } from '../../platform/jobs';
import { notify } from '../notifications';
import { activeStaffWithRole } from '../organisation';
import { EXPIRE_QUEUE, expireLapsedOrders } from './orders.steps';
import { alertsFor } from './stock-reports.service';

export const ALERTS_QUEUE = 'pharmacy.stock_alerts';
/** The local hour the morning alerts go out at. */
const ALERT_HOUR = 7;

/**
 * Sends one hospital's stock alerts to its pharmacists, once per local day (the notice's key holds
 * the date, so a retried or repeated run adds nothing). Nothing is sent when nothing needs action.
 */
export async function sendStockAlerts(db: Db, hospitalId: string): Promise<number> {
  const a = await alertsFor(db, hospitalId);
  const within = (days: number) => a.expiring.filter((b) => b.daysLeft < days).length;
  const data = {
    lowStock: a.lowStock.length,
    outOfStock: a.lowStock.filter((l) => l.onHand === 0).length,
    expiring30: within(30),
    expiring90: a.expiring.length,
    expired: a.expired.length,
    lowNames: a.lowStock.slice(0, 10).map((l) => l.medicineName),
  };
  if (data.lowStock + data.expiring90 + data.expired === 0) return 0;
  return db.transaction(async (tx) => {
    const pharmacists = await activeStaffWithRole(tx, hospitalId, 'pharmacist');
    for (const userId of pharmacists) {
      await notify(tx, {
        template: 'pharmacy.stock_alerts',
        userId,
        hospitalId,
        idempotencyKey: `stock-alerts:${hospitalId}:${a.today}:${userId}`,
        data,
      });
    }
    return pharmacists.length;
  });
}

/** Active hospitals where it is now the alert hour. */
async function hospitalsAtAlertHour(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from hospitals
         where active and extract(hour from now() at time zone time_zone) = ${ALERT_HOUR}`,
  );
  return rows.map((r) => r.id);
}

export async function definePharmacyJobs(runner: JobRunner, deps: { db: Db; log: JobLog }): Promise<void> {
  await runner.define({
    name: EXPIRE_QUEUE,
    retryLimit: 2,
    describe: () => 'release stock held by online orders not verified in time',
    async handler() {
      let lapsed = 0;
      for (let n = await expireLapsedOrders(deps.db); n > 0; n = await expireLapsedOrders(deps.db))
        lapsed += n;
      if (lapsed > 0) deps.log.info({ lapsed }, 'released lapsed order reservations');
    },
  });
  runner.schedule(EXPIRE_QUEUE, '*/5 * * * *');

  await runner.define({
    name: ALERTS_QUEUE,
    retryLimit: 2,
    describe: () => 'send the morning stock alerts to pharmacists',
    async handler() {
      for (const hospitalId of await hospitalsAtAlertHour(deps.db)) {
        const told = await sendStockAlerts(deps.db, hospitalId);
        if (told > 0) deps.log.info({ hospitalId, told }, 'sent stock alerts');
      }
    },
  });
  // Hourly: every UTC hour is a different local hour in each zone (half-hour zones included), so
  // each hospital's 07:00 hour is met by exactly one run a day.
  runner.schedule(ALERTS_QUEUE, '40 * * * *');
}
