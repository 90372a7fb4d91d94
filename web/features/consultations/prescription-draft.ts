// The prescription as the doctor writes it: lines in the form's terms, what the server is sent
// (to check, to close, and as the saved draft), and the draft's saving as the doctor types.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  COUNTED_FORMS,
  TIMES_PER_DAY,
  type AdministrationRoute,
  type DraftLine,
  type DraftLineView,
  type Frequency,
  type PrescribingAid,
} from '../../../contracts/clinical';
import { patch } from '../../lib/api';

export type Num = number | string;
export const num = (v: Num): number | null => (v === '' || v === null || v === undefined ? null : Number(v));

/** A prescription line as drafted in the form. */
export interface Line {
  medicineId: string;
  name: string;
  form: string;
  unit: string;
  dose: Num;
  doseUnit: string;
  frequency: Frequency;
  durationDays: Num;
  route: AdministrationRoute;
  quantity: Num;
  instructions: string;
  aid: PrescribingAid | null;
}

const counted = (form: string) => (COUNTED_FORMS as readonly string[]).includes(form);

/** The quantity worked out for counted forms (tablets, capsules…); null where the doctor gives it. */
export function computed(l: Line): number | null {
  if (!counted(l.form)) return null;
  const dose = num(l.dose);
  const days = num(l.durationDays);
  if (!dose || !days) return null;
  if (l.frequency === 'STAT') return Math.ceil(dose);
  const perDay = TIMES_PER_DAY[l.frequency];
  return perDay === null ? null : Math.ceil(dose * perDay * days);
}

/** A finished line as the server checks and closes it. */
export function lineBody(l: Line) {
  return {
    medicineId: l.medicineId,
    dose: num(l.dose) ?? undefined,
    ...(l.doseUnit.trim() ? { doseUnit: l.doseUnit.trim() } : {}),
    frequency: l.frequency,
    durationDays: num(l.durationDays) ?? undefined,
    route: l.route,
    ...(computed(l) === null && num(l.quantity) !== null ? { quantity: num(l.quantity)! } : {}),
    ...(l.instructions.trim() ? { instructions: l.instructions.trim() } : {}),
  };
}

/** A line as saved in the draft: whatever is filled in so far, within what the server accepts. */
function draftLine(l: Line): DraftLine {
  const n = (v: Num, ok: (x: number) => boolean) => {
    const x = num(v);
    return x !== null && Number.isFinite(x) && ok(x) ? x : null;
  };
  return {
    medicineId: l.medicineId,
    dose: n(l.dose, (x) => x > 0 && x <= 1000),
    doseUnit: l.doseUnit.trim().slice(0, 30) || null,
    frequency: l.frequency,
    durationDays: n(l.durationDays, (x) => Number.isInteger(x) && x >= 1 && x <= 365),
    route: l.route,
    quantity: n(l.quantity, (x) => Number.isInteger(x) && x > 0),
    instructions: l.instructions.trim().slice(0, 300) || null,
  };
}

/** A saved draft line back in the form (its allergy and stock aid is fetched again). */
export function fromDraft(d: DraftLineView): Line {
  return {
    medicineId: d.medicineId,
    name: d.medicineName,
    form: d.form,
    unit: d.dispensingUnit,
    dose: d.dose ?? '',
    doseUnit: d.doseUnit ?? '',
    frequency: d.frequency ?? 'BD',
    durationDays: d.durationDays ?? '',
    route: d.route ?? 'oral',
    quantity: d.quantity ?? '',
    instructions: d.instructions ?? '',
    aid: null,
  };
}

/** Where an earlier version kept drafts (this browser only); read once, then dropped. */
const legacyKey = (id: string) => `hospitium.rx-draft.${id}`;

/** The lines to start from: the saved draft, else one an earlier version left in this browser. */
export function initialLines(consultationId: string, saved: DraftLineView[]): Line[] {
  if (saved.length > 0) return saved.map(fromDraft);
  try {
    return JSON.parse(localStorage.getItem(legacyKey(consultationId)) ?? '[]') as Line[];
  } catch {
    return [];
  }
}

export type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Saves the lines with the consultation a moment after each change, while it can be edited.
 * Saves go out one after another, so an older one can never land after a newer one, and the state
 * says `saved` only when the latest change is saved: a save finishing while a newer change waits
 * leaves it `saving`, so nobody leaves the page trusting a stale "saved".
 * `stop()` cancels a pending save (before closing, which writes the prescription itself).
 */
export function useDraftSaving(consultationId: string, lines: Line[], enabled: boolean, delayMs = 800) {
  const [state, setState] = useState<DraftState>('idle');
  const first = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const latest = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    // The lines as loaded need no saving; every change after does.
    if (first.current) {
      first.current = false;
      return;
    }
    if (!enabled || stopped.current) return;
    const change = ++latest.current;
    setState('saving');
    timer.current = setTimeout(() => {
      const save = () =>
        patch(`/api/consultations/${consultationId}`, { prescriptionDraft: lines.map(draftLine) });
      queue.current = queue.current
        .catch(() => undefined)
        .then(save)
        .then(
          () => {
            if (change !== latest.current) return;
            localStorage.removeItem(legacyKey(consultationId));
            setState('saved');
          },
          () => {
            if (change === latest.current) setState('failed');
          },
        );
    }, delayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [consultationId, lines, enabled, delayMs]);
  return { state, stop };
}
