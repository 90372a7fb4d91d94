import { beforeAll, describe, expect, it } from 'vitest';
import type { ErasureRequest } from '../../../contracts/privacy';
import { loadAllWords } from '../../i18n';
import {
  confirmsWith,
  erasedKindLabel,
  erasedRows,
  erasureFilter,
  offeredDecisions,
  pendingOf,
  statusOf,
} from './privacy';

// The privacy pages are signed-in, so they render only once every word has loaded (web/i18n).
beforeAll(() => loadAllWords());

describe('the decisions a patient is offered', () => {
  it('offers the opposite of the standing decision, and both when never asked', () => {
    expect(offeredDecisions('granted')).toEqual(['withdrawn']);
    expect(offeredDecisions('withdrawn')).toEqual(['granted']);
    expect(offeredDecisions(null)).toEqual(['granted', 'withdrawn']);
  });
});

describe('the erasure list filter', () => {
  it('keeps a status or all from the address, and shows the waiting queue otherwise', () => {
    for (const s of ['pending', 'completed', 'refused', 'cancelled', 'all'] as const)
      expect(erasureFilter(s)).toBe(s);
    for (const odd of [null, '', 'PENDING', 'done', '__proto__', 'constructor'])
      expect(erasureFilter(odd), String(odd)).toBe('pending');
  });

  it('asks the server for no status when showing all', () => {
    expect(statusOf('all')).toBeUndefined();
    expect(statusOf('refused')).toBe('refused');
  });
});

describe('the word that confirms an erasure', () => {
  it('must be the word itself, spaces around and letter case aside', () => {
    expect(confirmsWith('ERASE', 'ERASE')).toBe(true);
    expect(confirmsWith('  erase ', 'ERASE')).toBe(true);
    for (const wrong of ['', 'ERAS', 'ERASED', 'E R A S E', 'delete', 'ERASE ERASE'])
      expect(confirmsWith(wrong, 'ERASE'), wrong).toBe(false);
  });
});

const request = (status: ErasureRequest['status'], id: string): ErasureRequest => ({
  id,
  status,
  reason: '',
  requestedAt: '2027-03-01T10:00:00.000Z',
  decidedAt: status === 'pending' ? null : '2027-03-02T10:00:00.000Z',
  decidedByName: null,
  decisionNote: '',
  patient: { id: 'p', name: 'Asha Rao', mrn: null },
  erased: null,
});

describe('a patient’s own requests', () => {
  it('finds the one that waits, if any', () => {
    expect(pendingOf([request('refused', 'a'), request('pending', 'b')])?.id).toBe('b');
    expect(pendingOf([request('refused', 'a'), request('cancelled', 'c')])).toBeUndefined();
    expect(pendingOf([])).toBeUndefined();
  });
});

describe('what a completed erasure changed', () => {
  it('names each kind in words, largest count first, leaving out what did not change', () => {
    expect(erasedRows({ sessions: 3, patients: 1, identityDocuments: 0, accountsClosed: 1 })).toEqual([
      { kind: 'sessions', label: 'Sessions ended', count: 3 },
      { kind: 'patients', label: 'Patient records anonymised', count: 1 },
      { kind: 'accountsClosed', label: 'Portal account closed', count: 1 },
    ]);
    expect(erasedRows(null)).toEqual([]);
    expect(erasedRows({})).toEqual([]);
  });

  it('still names a kind this version of the app has no words for, never as an object’s property', () => {
    expect(erasedKindLabel('lab_sample_labels')).toBe('Other records changed (lab sample labels)');
    expect(erasedKindLabel('wards.notes')).toBe('Other records changed (wards notes)');
    for (const odd of ['constructor', 'toString', '__proto__'])
      expect(erasedKindLabel(odd), odd).toMatch(/^Other records changed/);
  });
});
