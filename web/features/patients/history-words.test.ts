import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../../contracts/pharmacy-orders';
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

/** What a template literal's `${…}` may be, for the actions built from one. */
const TEMPLATES: Record<string, readonly string[]> = {
  'pharmacy.order_${status}': ORDER_STATUSES.map((s) => `pharmacy.order_${s}`),
};

const ACTION = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

/**
 * The audit actions written about a patient (the audit call names a `patientId`), found in the
 * source: each shows on that patient's timeline or access log, where it needs words. The action is
 * a literal, a choice between literals, a template (expanded by TEMPLATES), or a function's
 * parameter: then every dotted literal passed as an argument in that file, with a prefix the
 * module's own actions use, is one (`changeDraft(ctx, id, 'invoice.line_added', …)`).
 */
function patientActions(): { actions: string[]; templates: string[] } {
  const root = path.resolve(import.meta.dirname, '../../../server');
  const found = new Set<string>();
  const templates: string[] = [];
  const passedIn = new Set<string>(); // the folders where an action is a function's parameter
  const files = [...sources(path.join(root, 'modules')), ...sources(path.join(root, 'platform'))];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction(,|: ([^\n]*))/g)) {
      if (!/\bpatientId\b/.test(enclosingObject(text, m.index))) continue;
      const value = m[2] ?? 'action';
      const literals = [...value.matchAll(ACTION)].map((a) => a[1]!);
      const template = /`([^`]*)`/.exec(value)?.[1];
      if (template) {
        templates.push(template);
        for (const a of TEMPLATES[template] ?? []) found.add(a);
      } else if (literals.length > 0) literals.forEach((a) => found.add(a));
      else if (/^action\b/.test(value)) passedIn.add(path.dirname(file));
    }
  }
  const prefixes = new Set([...found].map((a) => a.split('.')[0]!));
  for (const file of files.filter((f) => passedIn.has(path.dirname(f)))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/[(,]\s*'([a-z_]+(?:\.[a-z_]+)+)'\s*[,)]/g)) {
      if (prefixes.has(m[1]!.split('.')[0]!)) found.add(m[1]!);
    }
  }
  return { actions: [...found].sort(), templates };
}

describe('the words of a patient’s timeline and access log', () => {
  it('finds the audit actions written about a patient in the source', () => {
    const { actions, templates } = patientActions();
    // The scan itself works: literal actions, a choice of two, a template and a parameter.
    for (const a of [
      'patient.allergy_recorded',
      'consultation.closed',
      'document.listed',
      'wards.medication.not_given',
      'advance.refunded',
      'pharmacy.order_ready',
      'invoice.line_added',
      'wards.vitals.read',
      'wards.medications.read',
    ])
      expect(actions).toContain(a);
    // Every template the source builds an action from is expanded here.
    expect(templates.filter((t) => !(t in TEMPLATES))).toEqual([]);
  });

  it('names every change made to a patient’s record in words', () => {
    const missing = patientActions().actions.filter(
      (a) => !isReadAction(a) && timelineActionLabel(a) === 'Record changed',
    );
    expect(missing).toEqual([]);
  });

  it('names every part of a patient’s record that someone opened in words', () => {
    const missing = patientActions().actions.filter(
      (a) => isReadAction(a) && a !== 'patient.read' && accessOpenedLabel(a) === 'Part of the record',
    );
    expect(missing).toEqual([]);
  });
});
