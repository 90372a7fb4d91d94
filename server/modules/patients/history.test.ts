// The timeline shows what changed a patient's record; reads (opening the record, listing, viewing
// or downloading documents) go to the audit log and the patient's access log only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogPage, TimelinePage } from '../../../contracts/patients';
import { patientPages } from '../../../web/i18n/en/patients';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { documentsKit, form, PDF } from '../documents/documents.test-support';
import { isReadAction } from './patients.history.repo';
import { auditRows, desk, register, type Desk } from './patients.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const docs = documentsKit(() => t);
const get = (url: string, headers: AuthHeaders) => t.app.inject({ method: 'GET', url, headers });

async function timeline(patientId: string, headers: AuthHeaders) {
  const res = await get(`/api/patients/${patientId}/timeline`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return TimelinePage.parse(res.json()).items;
}

async function accessLog(patientId: string, headers: AuthHeaders) {
  const res = await get(`/api/patients/${patientId}/access-log`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return AccessLogPage.parse(res.json()).items;
}

/** Uploads a PDF for the patient (a change to the record) and returns the document's id. */
async function uploadPdf(headers: AuthHeaders, patientId: string): Promise<string> {
  const res = await docs.upload(
    headers,
    patientId,
    form({ kind: 'lab_report' }, [{ filename: 'report.pdf', type: 'application/pdf', content: PDF }]),
  );
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

/** Everything a person does when they look around a record without changing it. */
async function lookAround(patientId: string, documentId: string, headers: AuthHeaders) {
  for (const url of [
    `/api/patients/${patientId}/documents`,
    `/api/documents/${documentId}`,
    `/api/documents/${documentId}/download`,
    `/api/patients/${patientId}`,
  ]) {
    const res = await get(url, headers);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  }
}

describe('the timeline shows changes, the access log shows reads', () => {
  let d: Desk;
  let patientId: string;
  let documentId: string;
  let admin: Desk;

  beforeAll(async () => {
    d = await desk(t);
    admin = await desk(t, 'hospital_admin', d.hospital);
    patientId = (await register(t, d)).id;
    documentId = await uploadPdf(d.headers, patientId);
    await lookAround(patientId, documentId, d.headers);
  });

  it('opening the documents and the record adds nothing to the timeline', async () => {
    const items = await timeline(patientId, d.headers);
    const actions = items.map((e) => e.action);
    expect(actions.filter(isReadAction)).toEqual([]);
    expect(actions).toEqual(['document.uploaded', 'patient.registered', 'patient.created']);
    // Asking again still shows only the changes: viewing the timeline is a read too.
    expect((await timeline(patientId, d.headers)).map((e) => e.action)).toEqual(actions);
  });

  it('the reads are in the audit log and in the access log, with what was opened', async () => {
    const audited = (await auditRows(t, 'patient_id = $1', [patientId])).map((r) => r.action);
    expect(audited).toEqual(
      expect.arrayContaining(['document.listed', 'document.viewed', 'document.downloaded', 'patient.read']),
    );

    const log = await accessLog(patientId, admin.headers);
    const opened = log.map((e) => e.opened);
    expect(opened).toEqual(
      expect.arrayContaining([
        'document.listed',
        'document.viewed',
        'document.downloaded',
        'patient',
        'patient_timeline',
      ]),
    );
    expect(opened).not.toContain('document.uploaded');
    expect(log.find((e) => e.opened === 'document.listed')).toMatchObject({
      actorRole: 'receptionist',
      hospitalName: d.hospital.name,
    });
  });

  it('a patient looking at their own documents and record: the same split', async () => {
    // A patient with an account, registered at the desk's hospital.
    const { patient, patientHeaders: own } = await docs.scene(d.hospital);
    const doc = await uploadPdf(d.headers, patient.id);
    await lookAround(patient.id, doc, own);

    const actions = (await timeline(patient.id, own)).map((e) => e.action);
    expect(actions.filter(isReadAction)).toEqual([]);
    expect(actions).toContain('document.uploaded');
    const opened = (await accessLog(patient.id, own)).map((e) => [e.actorRole, e.opened]);
    expect(opened).toEqual(
      expect.arrayContaining([
        ['patient', 'document.listed'],
        ['patient', 'document.downloaded'],
        ['patient', 'patient_timeline'],
      ]),
    );
  });

  it('every action the timeline and the access log show has words in the web app', async () => {
    const labels = patientPages.timeline.actions as Record<string, string>;
    const opened = patientPages.accessLog.opened as Record<string, string>;
    for (const e of await timeline(patientId, d.headers))
      expect(labels[e.action.replaceAll('.', '_')], e.action).toBeTruthy();
    for (const e of await accessLog(patientId, admin.headers))
      expect(opened[e.opened.replaceAll('.', '_')], e.opened).toBeTruthy();
  });

  it('tells reads from changes by the last word of the action', () => {
    for (const a of [
      'patient.read',
      'document.listed',
      'document.viewed',
      'document.downloaded',
      'patient.search',
      'dashboard.recent_registrations.read',
      'notifications.deliveries_read',
      // Printing a record shows it to someone; a list of one's own bills is read, not changed.
      'consultation.prescription_printed',
      'wards.discharge_summary_printed',
      'invoice.list_own',
    ])
      expect(isReadAction(a), a).toBe(true);
    for (const a of [
      'patient.created',
      'patient.updated',
      'patient.allergy_recorded',
      'document.uploaded',
      'document.withdrawn',
      'auth.sign_up',
      'patient.thread_created',
    ])
      expect(isReadAction(a), a).toBe(false);
  });
});
