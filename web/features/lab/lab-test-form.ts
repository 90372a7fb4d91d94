// The lab test form: what a person types (numbers as text while typing, an empty box for "no
// limit") and the contract's shapes, both ways. The analytes are a list the person orders.
import type { AnalyteKind, LabAnalyte, LabTest, SampleType } from '../../../contracts/lab';
import { typedNumber } from '../procurement/number-input';

type Typed = number | string;

export interface AnalyteValues {
  /** Keeps each row's identity while rows move and go (React's key); never sent. */
  key: string;
  name: string;
  kind: AnalyteKind;
  unit: string;
  decimals: Typed;
  refLow: Typed;
  refHigh: Typed;
  refLowFemale: Typed;
  refHighFemale: Typed;
  criticalLow: Typed;
  criticalHigh: Typed;
}

export interface ServiceChoice {
  id: string;
  code: string;
  name: string;
  priceMinor: number;
}

export interface LabTestValues {
  code: string;
  name: string;
  sampleType: SampleType | '';
  turnaroundHours: Typed;
  instructions: string;
  service: ServiceChoice | null;
  analytes: AnalyteValues[];
}

export const LIMITS = [
  'refLow',
  'refHigh',
  'refLowFemale',
  'refHighFemale',
  'criticalLow',
  'criticalHigh',
] as const;
type LimitName = (typeof LIMITS)[number];

let rows = 0;
const nextKey = () => `analyte-${++rows}`;

export function blankAnalyte(): AnalyteValues {
  return {
    key: nextKey(),
    name: '',
    kind: 'numeric',
    unit: '',
    decimals: 0,
    refLow: '',
    refHigh: '',
    refLowFemale: '',
    refHighFemale: '',
    criticalLow: '',
    criticalHigh: '',
  };
}

const shown = (n: number | null): Typed => (n === null ? '' : n);

function analyteValues(a: LabAnalyte): AnalyteValues {
  return {
    key: nextKey(),
    name: a.name,
    kind: a.kind,
    unit: a.unit,
    decimals: a.decimals,
    refLow: shown(a.refLow),
    refHigh: shown(a.refHigh),
    refLowFemale: shown(a.refLowFemale),
    refHighFemale: shown(a.refHighFemale),
    criticalLow: shown(a.criticalLow),
    criticalHigh: shown(a.criticalHigh),
  };
}

export function labTestValues(t: LabTest | null): LabTestValues {
  return {
    code: t?.code ?? '',
    name: t?.name ?? '',
    sampleType: t?.sampleType ?? '',
    turnaroundHours: t?.turnaroundHours ?? '',
    instructions: t?.instructions ?? '',
    service: t ? { ...t.service } : null,
    analytes: t ? t.analytes.map(analyteValues) : [blankAnalyte()],
  };
}

/** A number typed: null for an empty box, NaN for something that is not a number (refused). */
function limitOf(v: Typed): number | null {
  const n = typedNumber(v);
  if (n !== undefined) return n;
  return typeof v === 'string' && v.trim() !== '' ? Number.NaN : null;
}

const numberOf = (v: Typed) =>
  typedNumber(v) ?? (typeof v === 'string' && v.trim() === '' ? undefined : Number.NaN);

/** An analyte as the contract takes it; a text result sends no limits. */
export function toAnalyte(a: AnalyteValues) {
  const limits = Object.fromEntries(
    LIMITS.map((name: LimitName) => [name, a.kind === 'numeric' ? limitOf(a[name]) : null]),
  ) as Record<LimitName, number | null>;
  return {
    name: a.name.trim(),
    kind: a.kind,
    unit: a.kind === 'numeric' ? a.unit.trim() : '',
    decimals: a.kind === 'numeric' ? numberOf(a.decimals) : 0,
    ...limits,
  };
}

/** The body of POST /api/lab/tests (checked against the contract by the caller). */
export function toCreateLabTest(v: LabTestValues) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    sampleType: v.sampleType || undefined,
    turnaroundHours: numberOf(v.turnaroundHours),
    instructions: v.instructions.trim(),
    serviceId: v.service?.id,
    analytes: v.analytes.map(toAnalyte),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The body of PATCH /api/lab/tests/:id: only what changed; the analytes whole when any changed. */
export function toUpdateLabTest(v: LabTestValues, before: LabTest) {
  const after = toCreateLabTest(v);
  const out: Record<string, unknown> = {};
  if (after.name !== before.name) out.name = after.name;
  if (after.sampleType !== before.sampleType) out.sampleType = after.sampleType;
  if (after.turnaroundHours !== before.turnaroundHours) out.turnaroundHours = after.turnaroundHours;
  if (after.instructions !== before.instructions) out.instructions = after.instructions;
  if (after.serviceId !== before.service.id) out.serviceId = after.serviceId;
  const was = before.analytes.map(({ id: _id, ...a }) => a);
  if (!same(after.analytes, was)) out.analytes = after.analytes;
  return out;
}

/** Contract fields the form holds under another name. */
export const FORM_NAME_OF: Record<string, string> = { serviceId: 'service' };

/** The contract's error paths as the form's: a service is chosen as a whole. */
export function toFormErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [FORM_NAME_OF[k] ?? k, m]));
}

/** Moves the analyte at `from` one place up (-1) or down (+1). */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}
