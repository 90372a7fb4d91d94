// Revenue over a date range (the hospital's dates) by day, department, doctor or payment method,
// and what patients owe; both also as formula-safe CSV. "Invoiced" revenue is what issued invoices
// charged less what credit notes took back; by method it is money collected less money paid back.
import type {
  OutstandingPage,
  OutstandingQuery,
  RevenueQuery,
  RevenueReport,
  RevenueRow,
} from '../../../contracts/billing-reports';
import { withDoctorTitle } from '../../../contracts/names';
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { toCsv, type Cell } from '../../platform/csv';
import { methodName } from './billing-pdf';
import { minorDigits } from './amount-in-words';
import { hospitalFacts } from './price-list.repo';
import * as repo from './reports.repo';

const NONE = { department: 'No department', doctor: 'No doctor', day: '', method: '' } as const;

/** Every date from `from` to `to`, inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

/** Revenue of the active hospital over the range, grouped as asked. */
export async function revenue(ctx: Ctx, q: RevenueQuery): Promise<RevenueReport> {
  const hospitalId = requireHospital(ctx.actor);
  const hospital = await hospitalFacts(ctx.db, hospitalId);
  let rows: RevenueRow[];
  if (q.by === 'method') {
    rows = (await repo.collected(ctx.db, hospitalId, q.from, q.to, hospital.timeZone)).map((r) => ({
      key: r.key,
      label: methodName(r.key),
      count: r.count,
      amountMinor: r.amount,
      lessMinor: r.less,
      netMinor: r.amount - r.less,
      taxMinor: null,
    }));
  } else {
    const found = await repo.invoiced(ctx.db, hospitalId, q.by, q.from, q.to);
    rows = found.map((r) => ({
      key: r.key,
      label:
        r.key === null ? NONE[q.by] : q.by === 'doctor' ? withDoctorTitle(r.label ?? '') : (r.label ?? r.key),
      count: r.count,
      amountMinor: r.amount,
      lessMinor: r.less,
      netMinor: r.amount - r.less,
      taxMinor: r.tax,
    }));
    if (q.by === 'day') {
      // Every day of the range, with nothing on the days nothing happened (a chart needs them).
      const byDay = new Map(rows.map((r) => [r.key, r]));
      rows = days(q.from, q.to).map(
        (d) =>
          byDay.get(d) ?? {
            key: d,
            label: d,
            count: 0,
            amountMinor: 0,
            lessMinor: 0,
            netMinor: 0,
            taxMinor: 0,
          },
      );
    }
  }
  const sum = (f: (r: RevenueRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    measure: q.by === 'method' ? 'collected' : 'invoiced',
    currency: hospital.currency,
    rows,
    total: {
      count: sum((r) => r.count),
      amountMinor: sum((r) => r.amountMinor),
      lessMinor: sum((r) => r.lessMinor),
      netMinor: sum((r) => r.netMinor),
      taxMinor: q.by === 'method' ? null : sum((r) => r.taxMinor ?? 0),
    },
  };
}

/** Minor units as a number of major units, for spreadsheets (a number stays a number in the CSV). */
const major = (minor: number | null, currency: string): Cell =>
  minor === null ? null : minor / 10 ** minorDigits(currency);

export function revenueCsv(r: RevenueReport): string {
  const collected = r.measure === 'collected';
  const head = { day: 'Day', department: 'Department', doctor: 'Doctor', method: 'Method' }[r.by];
  const money = (m: number | null) => major(m, r.currency);
  return toCsv([
    [
      head,
      collected ? 'Payments' : 'Invoices',
      `${collected ? 'Received' : 'Invoiced'} (${r.currency})`,
      `${collected ? 'Refunded' : 'Credited'} (${r.currency})`,
      `Net (${r.currency})`,
      ...(collected ? [] : [`Tax (${r.currency})`]),
    ],
    ...r.rows.map((x) => [
      x.label,
      x.count,
      money(x.amountMinor),
      money(x.lessMinor),
      money(x.netMinor),
      ...(collected ? [] : [money(x.taxMinor)]),
    ]),
    [
      'Total',
      r.total.count,
      money(r.total.amountMinor),
      money(r.total.lessMinor),
      money(r.total.netMinor),
      ...(collected ? [] : [money(r.total.taxMinor)]),
    ],
  ]);
}

/** What each patient owes at the active hospital, most owed first. */
/** Rows an outstanding-balances CSV holds at most. */
const CSV_MAX_ROWS = 10_000;

export async function outstanding(ctx: Ctx, q: OutstandingQuery): Promise<OutstandingPage> {
  const hospitalId = requireHospital(ctx.actor);
  // The CSV is the whole list (up to a bound no hospital's debtors reach), not the page on screen.
  const whole = q.format === 'csv';
  const limit = whole ? CSV_MAX_ROWS : q.limit;
  const offset = whole ? 0 : q.offset;
  const [found, hospital] = await Promise.all([
    repo.outstanding(ctx.db, hospitalId, { text: q.q, limit, offset }),
    hospitalFacts(ctx.db, hospitalId),
  ]);
  const patientIds = found.rows.flatMap((r) => (r.patientId ? [r.patientId] : []));
  if (patientIds.length > 0) {
    await auditRead(ctx, {
      action: 'billing.outstanding.read',
      entityType: 'patient',
      after: { patientIds },
    });
  }
  return {
    items: found.rows.map((r) => ({
      patientId: r.patientId,
      patientName: r.patientId ? (r.name ?? '') : 'Walk-in customers',
      mrn: r.mrn,
      invoices: r.invoices,
      outstandingMinor: r.owed,
      oldestIssuedOn: r.oldest,
    })),
    total: found.total,
    limit,
    offset,
    currency: hospital.currency,
    totalOutstandingMinor: found.owed,
  };
}

export function outstandingCsv(p: OutstandingPage): string {
  return toCsv([
    ['Patient', 'MRN', 'Invoices', `Owed (${p.currency})`, 'Oldest invoice'],
    ...p.items.map((i) => [
      i.patientName,
      i.mrn,
      i.invoices,
      major(i.outstandingMinor, p.currency),
      i.oldestIssuedOn,
    ]),
  ]);
}
