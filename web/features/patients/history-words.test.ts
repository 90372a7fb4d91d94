import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isReadAction } from '../../../server/modules/patients/patients.history.repo';
import { loadAllWords } from '../../i18n';
import { accessOpenedLabel, timelineActionLabel } from './history-labels';

beforeAll(() => loadAllWords());

/** Every file of the server's modules and platform, tests aside. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('test-helpers') ? [p] : [];
  });
}

/** The object literal around `at` in `text`: from its opening brace to the matching closing one. */
function enclosingObject(text: string, at: number): string {
  let depth = 0;
  let start = at;
  for (; start > 0; start--) {
    const c = text[start];
    if (c === '}') depth++;
    if (c === '{' && depth-- === 0) break;
  }
  depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    if (text[end] === '{') depth++;
    if (text[end] === '}' && --depth === 0) break;
  }
  return text.slice(start, end + 1);
}

/**
 * The audit actions written about a patient (the call names a `patientId`), found in the source:
 * each shows on that patient's timeline or access log, where it needs words.
 */
function patientActions(): string[] {
  const root = path.resolve(__dirname, '../../../server');
  const found = new Set<string>();
  for (const file of [...sources(path.join(root, 'modules')), ...sources(path.join(root, 'platform'))]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g)) {
      if (/\bpatientId\b/.test(enclosingObject(text, m.index))) found.add(m[1]!);
    }
  }
  return [...found].sort();
}

describe('the words of a patient’s timeline and access log', () => {
  it('finds the audit actions written about a patient in the source', () => {
    const actions = patientActions();
    // The scan itself works: a change and a read every module writes about a patient.
    expect(actions).toContain('patient.allergy_recorded');
    expect(actions).toContain('consultation.closed');
    expect(actions).toContain('document.listed');
    expect(actions.length).toBeGreaterThan(30);
  });

  it('names every change made to a patient’s record in words', () => {
    const missing = patientActions().filter(
      (a) => !isReadAction(a) && timelineActionLabel(a) === 'Record changed',
    );
    expect(missing).toEqual([]);
  });

  it('names every part of a patient’s record that someone opened in words', () => {
    const missing = patientActions().filter(
      (a) => isReadAction(a) && a !== 'patient.read' && accessOpenedLabel(a) === 'Part of the record',
    );
    expect(missing).toEqual([]);
  });
});
