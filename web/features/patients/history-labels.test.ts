import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllWords } from '../../i18n';
import { accessOpenedLabel, timelineActionLabel } from './history-labels';

// The patient page is signed-in, so it renders only once every word has loaded (web/i18n).
beforeAll(() => loadAllWords());

describe('timeline and access-log labels', () => {
  it('names each change and each read in words', () => {
    expect(timelineActionLabel('patient.allergy_recorded')).toBe('Allergy recorded');
    expect(timelineActionLabel('document.uploaded')).toBe('Document added');
    expect(timelineActionLabel('lab.results.verified')).toBe('Lab results verified');
    expect(accessOpenedLabel('lab.report.read')).toBe('A lab report');
    expect(accessOpenedLabel('patient')).toBe('The record');
    expect(accessOpenedLabel('document.listed')).toBe('The list of documents');
  });

  it('gives an action it does not know a generic label, never the raw code', () => {
    for (const odd of ['lab.result_verified', 'timeline', '', 'constructor', '__proto__', 'a:b', 'x.y.z'])
      expect(timelineActionLabel(odd), odd).toBe('Record changed');
    for (const odd of ['pharmacy.order_viewed', 'constructor', 'toString', ''])
      expect(accessOpenedLabel(odd), odd).toBe('Part of the record');
  });
});
