// What the bed board and the bed pickers make of the board the server sends: which beds to show
// under the filters, and which beds can take a patient, by ward.
import type { Admission, BedBoard, BedState, BoardBed } from '../../../contracts/wards';

export type BoardWard = BedBoard['wards'][number];

/** The colour of each state on tiles and badges (the state is always written out as well). */
export const STATE_COLOR: Record<BedState, string> = {
  available: 'teal',
  occupied: 'blue',
  reserved: 'yellow',
  cleaning: 'orange',
  maintenance: 'gray',
};

/** Only available and reserved beds take a patient (ADR 14). */
export const takesPatient = (bed: Pick<BoardBed, 'state'>): boolean =>
  bed.state === 'available' || bed.state === 'reserved';

export interface BoardFilter {
  wardId: string | null;
  state: BedState | null;
}

/**
 * The wards and beds the filters let through. A ward chosen by name is shown even when no bed of
 * it matches the state (so it reads "none"); otherwise a state filter hides wards without one.
 */
export function filterBoard(board: BedBoard, filter: BoardFilter): BoardWard[] {
  const wards = filter.wardId ? board.wards.filter((w) => w.id === filter.wardId) : board.wards;
  if (!filter.state) return wards;
  const state = filter.state;
  return wards
    .map((w) => ({ ...w, beds: w.beds.filter((b) => b.state === state) }))
    .filter((w) => w.beds.length > 0 || w.id === filter.wardId);
}

export interface FreeBedGroup {
  wardId: string;
  wardName: string;
  beds: BoardBed[];
}

/**
 * The beds a patient can be put in now, by ward in the board's order, without `exceptBedId` (the
 * bed a patient being transferred lies in); wards with none are left out.
 */
export function freeBedGroups(board: BedBoard, exceptBedId?: string): FreeBedGroup[] {
  return board.wards
    .map((w) => ({
      wardId: w.id,
      wardName: w.name,
      beds: w.beds.filter((b) => takesPatient(b) && b.id !== exceptBedId),
    }))
    .filter((g) => g.beds.length > 0);
}

/** A bed of the board by id, with its ward. */
export function findBed(
  board: BedBoard | undefined,
  bedId: string,
): { bed: BoardBed; ward: BoardWard } | null {
  for (const ward of board?.wards ?? []) {
    const bed = ward.beds.find((b) => b.id === bedId);
    if (bed) return { bed, ward };
  }
  return null;
}

/** The bed a patient is in, or the last one they were in once discharged. */
export const lastBed = (a: Pick<Admission, 'bed' | 'stays'>) => a.bed ?? a.stays.at(-1) ?? null;
