import { describe, expect, it } from 'vitest';
import type { BedBoard, BoardBed } from '../../../contracts/wards';
import { bedValues, toCreateBed, toUpdateBed } from './bed-form';
import { filterBoard, findBed, freeBedGroups, lastBed } from './board';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function bed(wardId: string, label: string, state: BoardBed['state']): BoardBed {
  return {
    id: id(),
    wardId,
    roomId: id(),
    roomName: 'Room 1',
    label,
    bedType: 'standard',
    dailyRateMinor: 150_000,
    state,
    patient: null,
    reservation: null,
  };
}

function board(): BedBoard {
  const a = id();
  const b = id();
  const c = id();
  const ward = (wardId: string, name: string, beds: BoardBed[]) => ({
    id: wardId,
    name,
    kind: 'general' as const,
    beds,
    free: beds.filter((x) => x.state === 'available').length,
    freeByType: [],
  });
  return {
    wards: [
      ward(a, 'General', [bed(a, 'G-1', 'occupied'), bed(a, 'G-2', 'available'), bed(a, 'G-3', 'reserved')]),
      ward(b, 'ICU', [bed(b, 'I-1', 'occupied'), bed(b, 'I-2', 'cleaning')]),
      ward(c, 'Maternity', [bed(c, 'M-1', 'maintenance'), bed(c, 'M-2', 'available')]),
    ],
    free: 2,
    freeByType: [{ bedType: 'standard', free: 2 }],
  };
}

const labels = (wards: { beds: { label: string }[] }[]) => wards.map((w) => w.beds.map((b) => b.label));

describe('the beds a patient can go into', () => {
  it('are the available and reserved ones, by ward, leaving out wards with none', () => {
    const groups = freeBedGroups(board());
    expect(groups.map((g) => g.wardName)).toEqual(['General', 'Maternity']);
    expect(labels(groups)).toEqual([['G-2', 'G-3'], ['M-2']]);
  });

  it('leave out the bed the patient lies in (a transfer), and its ward when nothing else is free there', () => {
    const b = board();
    const m2 = b.wards[2]!.beds[1]!;
    expect(labels(freeBedGroups(b, m2.id))).toEqual([['G-2', 'G-3']]);
  });

  it('are none on a full board', () => {
    const b = board();
    for (const w of b.wards) for (const x of w.beds) x.state = 'occupied';
    expect(freeBedGroups(b)).toEqual([]);
  });
});

describe('the board under its filters', () => {
  it('shows everything without a filter', () => {
    expect(filterBoard(board(), { wardId: null, state: null })).toHaveLength(3);
  });

  it('shows only the beds in a state, and only the wards that have one', () => {
    const shown = filterBoard(board(), { wardId: null, state: 'occupied' });
    expect(shown.map((w) => w.name)).toEqual(['General', 'ICU']);
    expect(labels(shown)).toEqual([['G-1'], ['I-1']]);
  });

  it('keeps a ward chosen by name even when none of its beds is in the state', () => {
    const b = board();
    const shown = filterBoard(b, { wardId: b.wards[1]!.id, state: 'available' });
    expect(shown.map((w) => [w.name, w.beds.length])).toEqual([['ICU', 0]]);
  });

  it('finds a bed with its ward, and nothing for an unknown id', () => {
    const b = board();
    const i2 = b.wards[1]!.beds[1]!;
    expect(findBed(b, i2.id)?.ward.name).toBe('ICU');
    expect(findBed(b, id())).toBeNull();
  });
});

describe('the bed form', () => {
  it('holds the rate in rupees and sends paise', () => {
    expect(bedValues(null, 'INR')).toEqual({ label: '', bedType: 'standard', rate: '' });
    const values = { label: ' G-12 ', bedType: 'icu' as const, rate: '1,500.50' };
    const roomId = id();
    expect(toCreateBed(values, roomId, 'INR')).toEqual({
      roomId,
      label: 'G-12',
      bedType: 'icu',
      dailyRateMinor: 150_050,
    });
    // Yen have no minor unit; an unreadable rate is NaN (the contract refuses it), an empty one absent.
    expect(toCreateBed({ ...values, rate: 1500 }, roomId, 'JPY').dailyRateMinor).toBe(1500);
    expect(toCreateBed({ ...values, rate: '12a' }, roomId, 'INR').dailyRateMinor).toBeNaN();
    expect(toCreateBed({ ...values, rate: ' ' }, roomId, 'INR').dailyRateMinor).toBeUndefined();
  });

  it('sends only what changed', () => {
    const before = {
      id: id(),
      wardId: id(),
      roomId: id(),
      label: 'G-12',
      bedType: 'standard' as const,
      dailyRateMinor: 150_000,
      state: 'available' as const,
      active: true,
    };
    const values = bedValues(before, 'INR');
    expect(values.rate).toBe(1500);
    expect(toUpdateBed(values, before, 'INR')).toEqual({});
    expect(toUpdateBed({ ...values, rate: 1750.25, label: 'G-13' }, before, 'INR')).toEqual({
      label: 'G-13',
      dailyRateMinor: 175_025,
    });
  });
});

describe('the bed an admission shows', () => {
  it('is the bed now, else the last of the stay', () => {
    const stay = (label: string, open: boolean) => ({
      bedId: id(),
      bedLabel: label,
      wardId: id(),
      wardName: 'General',
      from: '2026-01-01T00:00:00Z',
      to: open ? null : '2026-01-02T00:00:00Z',
      endedBy: open ? null : ('transfer' as const),
    });
    const now = stay('G-2', true);
    expect(lastBed({ bed: now, stays: [stay('G-1', false), now] })?.bedLabel).toBe('G-2');
    expect(lastBed({ bed: null, stays: [stay('G-1', false), stay('G-3', false)] })?.bedLabel).toBe('G-3');
    expect(lastBed({ bed: null, stays: [] })).toBeNull();
  });
});
