// City General's demo stock, planned in memory before any row is written: batches in the main store,
// the pharmacy and a ward, receipts over the last 60 days, and a month of sales and dispensing taken
// first-expiry-first-out, never below zero and never from an expired batch (the database refuses
// both). A few medicines are left low or out of stock, a few batches near expiry and one expired, so
// every alert and chart of the pharmacy has something to show. Dates follow the hospital's calendar,
// so the demo looks the same whatever day it is loaded.
import type { DemoMedicine } from './demo-medicines';

export type StoreKey = 'main' | 'pharmacy' | 'ward';
export type Actor = 'pharmacist' | 'procurement' | 'nurse';
export type MoveKind = 'receipt' | 'sale' | 'dispense' | 'transfer_out' | 'transfer_in';

export interface PlannedBatch {
  medicine: number;
  store: StoreKey;
  batchNumber: string;
  expiryDate: string;
  unitCostMinor: number;
  receivedAt: Date;
}
export interface PlannedMove {
  batch: number;
  kind: MoveKind;
  quantity: number;
  at: Date;
  actor: Actor;
  /** The dispensing it was taken for (a demo visit's prescription), if any. */
  ref?: string;
}
export interface StockPlan {
  batches: PlannedBatch[];
  /** In the order they happened, which is the order they must be inserted in. */
  moves: PlannedMove[];
}

// Medicines are named by their label: the brand, or for generics the name and strength.
export const OUT_OF_STOCK = ['Ceftum 500', 'Winolap', 'Gibtulio'];
// prettier-ignore
export const LOW = ['Azee 250', 'Telma 80', 'Nexpro 40', 'Rosuvas 20', 'Levipil 500', 'Foracort 200', 'Montair 4'];
/** Pharmacy batches near expiry, by the days they have left: three each within 30, 60 and 90 days. */
// prettier-ignore
export const EXPIRING: Record<string, number> = {
  Cetzine: 9, Ondem: 18, 'Calpol 250': 26, 'Meftal 500': 37, 'Ciplox 500': 46, 'Gelusil MPS': 55,
  Becosules: 64, Limcee: 75, Zifi: 86,
};
/** The one batch already expired (days ago), still on the pharmacy's shelf waiting to be written off. */
export const EXPIRED = { label: 'Crocin Drops', daysAgo: 5 };
/** What the General Ward keeps: moved from the main store, then given to patients. */
const WARD: Record<string, number> = { 'Dolo 650': 150, 'Sodium chloride 0.9%, 500 ml': 24, Emeset: 20 };
/** The medicines a hospital pharmacy goes through fastest, and how much faster than the rest. */
// prettier-ignore
const POPULAR: Record<string, number> = {
  'Dolo 650': 12, 'Pan 40': 10, 'Glycomet 500': 9, 'Augmentin 625 Duo': 8, 'Crocin Advance': 7,
  'Azithral 500': 7, 'Telma 40': 7, 'Amlong 5': 7, Electral: 6, 'Pan-D': 6, 'Ecosprin 75': 6,
  'Thyronorm 50': 5, 'Montair-LC': 5, 'Sodium chloride 0.9%, 500 ml': 5, 'Emeset 4': 5, 'Pan IV': 4,
  Zyrtec: 4, Combiflam: 4, 'Shelcal 500': 4, 'Taxim-O 200': 4, 'Atorva 10': 4, 'Glycomet-GP 1': 4,
};
const RANDOM_EVENTS = 420;
const DAY = 86_400_000;

export const label = (m: DemoMedicine) => m.brandName ?? `${m.genericName} ${m.strength}`;

/** A small seeded generator, so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

/** The calendar date at `at` in a time zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The last day of the month `months` after `date`'s: printed expiries run to the month's end. */
export function endOfMonth(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months + 1, 0)).toISOString().slice(0, 10);
}

const singly = (m: DemoMedicine) => ['tablet', 'capsule', 'lozenge'].includes(m.dispensingUnit);

/** How much one sale or dispensing takes: a course of tablets, an ampoule or two, a bottle. */
function saleQuantity(m: DemoMedicine, rnd: ReturnType<typeof random>): number {
  if (singly(m)) return rnd.pick([Math.min(m.packSize, 30), 10, 15, 20, 30, 6]);
  if (m.dispensingUnit === 'respule' || m.dispensingUnit === 'sachet') return rnd.int(2, 6);
  if (['ampoule', 'vial', 'syringe', 'cartridge'].includes(m.dispensingUnit)) return rnd.int(1, 3);
  return rnd.int(1, 2);
}

interface Want {
  medicine: number;
  store: StoreKey;
  quantity: number;
  at: Date;
  actor: Actor;
  ref?: string;
}

/** A dispensing on a prescription the demo writes (demo-visits.ts): taken from the pharmacy's shelf. */
export interface PrescribedDispensing {
  medicine: number;
  quantity: number;
  at: Date;
  ref: string;
}

/**
 * Plans CGH's batches and every stock movement, ending at `now`; `dispensed` are taken too, in their
 * turn, each move of theirs carrying its `ref`.
 */
export function planStock(
  meds: readonly DemoMedicine[],
  now: Date,
  timeZone: string,
  dispensed: readonly PrescribedDispensing[] = [],
  seed = 2024,
): StockPlan {
  const rnd = random(seed);
  const today = localDate(now, timeZone);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const index = new Map<string, number>();
  meds.forEach((m, i) => index.set(label(m), index.has(label(m)) ? -1 : i));
  const find = (name: string) => {
    const i = index.get(name);
    if (i === undefined || i < 0) throw new Error(`demo stock: no single medicine labelled ${name}`);
    return i;
  };
  const packs = (m: DemoMedicine, units: number) => Math.max(1, Math.ceil(units / m.packSize)) * m.packSize;

  const batches: PlannedBatch[] = [];
  const fixed: PlannedMove[] = [];
  const numbers = new Set<string>();
  const receive = (i: number, store: StoreKey, expiryDate: string, qty: number, at: Date, actor: Actor) => {
    const m = meds[i]!;
    // Made two or three years before it expires (and before it arrived): the batch number carries
    // that year and month.
    const twoYears = endOfMonth(expiryDate, -24);
    const made = rnd.next() < 0.5 && twoYears < addDays(today, -90) ? twoYears : endOfMonth(expiryDate, -36);
    const stem = `${m.batchPrefix}${made.slice(2, 4)}${'ABCDEFGHJKLM'[Number(made.slice(5, 7)) - 1]}`;
    let batchNumber = `${stem}${rnd.int(10, 99)}`;
    while (numbers.has(`${store}/${i}/${batchNumber}`)) batchNumber = `${stem}${rnd.int(10, 99)}`;
    numbers.add(`${store}/${i}/${batchNumber}`);
    const unitCostMinor = Math.max(1, Math.round(m.salePriceMinor * rnd.between(0.6, 0.75)));
    batches.push({ medicine: i, store, batchNumber, expiryDate, unitCostMinor, receivedAt: at });
    fixed.push({ batch: batches.length - 1, kind: 'receipt', quantity: qty, at, actor });
  };

  const short = new Set([...OUT_OF_STOCK, ...LOW].map(find));
  const special = new Set([...short, ...Object.keys(EXPIRING).map(find), find(EXPIRED.label)]);
  meds.forEach((m, i) => {
    if (short.has(i)) return;
    const r = m.reorderLevel;
    const main = endOfMonth(today, rnd.int(12, 30));
    receive(i, 'main', main, packs(m, r * rnd.between(3, 6)), ago(rnd.between(40, 60)), 'procurement');
    const first = endOfMonth(today, rnd.int(6, 24));
    receive(
      i,
      'pharmacy',
      first,
      packs(m, r * rnd.between(1.2, 2.5)),
      ago(rnd.between(31, 58)),
      'pharmacist',
    );
    if (special.has(i) || rnd.next() > 0.35) return;
    const again = endOfMonth(today, rnd.int(12, 30));
    receive(i, 'pharmacy', again, packs(m, r * rnd.between(0.5, 1.5)), ago(rnd.between(2, 28)), 'pharmacist');
  });
  for (const [name, daysLeft] of Object.entries(EXPIRING)) {
    const i = find(name);
    const qty = packs(meds[i]!, meds[i]!.reorderLevel * 0.8);
    receive(i, 'pharmacy', addDays(today, daysLeft), qty, ago(rnd.between(120, 240)), 'pharmacist');
  }
  receive(find(EXPIRED.label), 'pharmacy', addDays(today, -EXPIRED.daysAgo), 8, ago(300), 'pharmacist');

  // Consumption, as wishes for a medicine at a moment, resolved against what the shelves hold then.
  // The short medicines had one batch and used most or all of it this month.
  const wants: Want[] = [];
  for (const name of [...OUT_OF_STOCK, ...LOW]) {
    const i = find(name);
    const m = meds[i]!;
    const stock = packs(m, m.reorderLevel * rnd.between(1.4, 2));
    receive(i, 'pharmacy', endOfMonth(today, rnd.int(8, 20)), stock, ago(rnd.between(40, 58)), 'pharmacist');
    const left = OUT_OF_STOCK.includes(name) ? 0 : Math.floor(m.reorderLevel * rnd.between(0.2, 0.8));
    for (let owed = stock - left; owed > 0;) {
      const quantity = Math.min(owed, saleQuantity(m, rnd));
      wants.push({
        medicine: i,
        store: 'pharmacy',
        quantity,
        at: ago(rnd.between(0.1, 29)),
        actor: 'pharmacist',
      });
      owed -= quantity;
    }
  }
  const weights = meds.map((m, i) => (special.has(i) ? 0 : (POPULAR[label(m)] ?? 1)));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let n = 0; n < RANDOM_EVENTS; n += 1) {
    let x = rnd.next() * total;
    const i = weights.findIndex((w) => (x -= w) < 0);
    const quantity = saleQuantity(meds[i]!, rnd);
    wants.push({
      medicine: i,
      store: 'pharmacy',
      quantity,
      at: ago(rnd.between(0.05, 30)),
      actor: 'pharmacist',
    });
  }

  // The ward's stock comes from the main store, and goes to its patients over the following days.
  for (const [name, quantity] of Object.entries(WARD)) {
    const i = find(name);
    const from = batches.findIndex((b) => b.medicine === i && b.store === 'main');
    const at = ago(rnd.between(12, 20));
    batches.push({ ...batches[from]!, store: 'ward', receivedAt: at });
    fixed.push({ batch: from, kind: 'transfer_out', quantity: -quantity, at, actor: 'pharmacist' });
    const arrived = new Date(at.getTime() + 60_000);
    fixed.push({
      batch: batches.length - 1,
      kind: 'transfer_in',
      quantity,
      at: arrived,
      actor: 'pharmacist',
    });
    for (let k = 0; k < 5; k += 1) {
      const each = singly(meds[i]!) ? rnd.int(4, 12) : rnd.int(1, 3);
      wants.push({
        medicine: i,
        store: 'ward',
        quantity: each,
        at: ago(rnd.between(0.2, 10)),
        actor: 'nurse',
      });
    }
  }
  for (const d of dispensed) wants.push({ ...d, store: 'pharmacy', actor: 'pharmacist' });
  return { batches, moves: resolve(meds, batches, fixed, wants, rnd, today) };
}

/** Walks time forward: stock arrives, and each wish takes first-expiry-first-out what is there. */
function resolve(
  meds: readonly DemoMedicine[],
  batches: PlannedBatch[],
  fixed: PlannedMove[],
  wants: Want[],
  rnd: ReturnType<typeof random>,
  today: string,
): PlannedMove[] {
  const shelves = new Map<string, number[]>(); // "medicine/store" -> its batches, soonest expiry first
  batches.forEach((b, i) => {
    const key = `${b.medicine}/${b.store}`;
    shelves.set(key, [...(shelves.get(key) ?? []), i]);
  });
  for (const list of shelves.values())
    list.sort((x, y) => batches[x]!.expiryDate.localeCompare(batches[y]!.expiryDate));

  const steps = [
    ...fixed.map((move) => ({ at: move.at, move })),
    ...wants.map((want) => ({ at: want.at, want })),
  ];
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || ('move' in a ? 0 : 1) - ('move' in b ? 0 : 1));
  const balance = batches.map(() => 0);
  const moves: PlannedMove[] = [];
  for (const step of steps) {
    if ('move' in step) {
      balance[step.move.batch]! += step.move.quantity;
      if (balance[step.move.batch]! < 0)
        throw new Error('demo stock: a planned transfer overdraws its batch');
      moves.push(step.move);
      continue;
    }
    const w = step.want;
    const m = meds[w.medicine]!;
    // (A prescribed dispensing draws no number: the rest of the plan stays as it was without them.)
    const kind =
      w.ref !== undefined || m.prescriptionOnly || w.store === 'ward' || rnd.next() < 0.15
        ? 'dispense'
        : 'sale';
    let owed = w.quantity;
    for (const i of shelves.get(`${w.medicine}/${w.store}`) ?? []) {
      const b = batches[i]!;
      if (owed === 0) break;
      if (b.receivedAt >= w.at || b.expiryDate < today || balance[i]! === 0) continue;
      const take = Math.min(owed, balance[i]!);
      balance[i]! -= take;
      moves.push({
        batch: i,
        kind,
        quantity: -take,
        at: w.at,
        actor: w.actor,
        ...(w.ref ? { ref: w.ref } : {}),
      });
      owed -= take;
    }
  }
  return moves;
}
