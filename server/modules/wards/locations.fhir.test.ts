// Wards, rooms and beds as FHIR Locations: physical types, each part of what it is in, a bed's
// occupancy as its operational status; searched by name, part-of and type; only the hospital's own.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Admission } from '../../../contracts/wards';
import { createStaff, sessionHeaders } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import {
  admit,
  bundleIds,
  call,
  patientAt,
  site,
  wardWithBeds,
  withSite,
  type Site,
} from './wards.test-helpers';

let t: TestApp;
let s: Site;
let icu: Awaited<ReturnType<typeof wardWithBeds>>;
withSite((app, at) => {
  [t, s] = [app, at];
});
beforeAll(async () => {
  // An ICU of three beds: B-1 being cleaned after a transfer, B-2 occupied, B-3 free.
  icu = await wardWithBeds(t, s, 3, 'icu');
  const renamed = await call(t, 'PATCH', `/api/wards/${icu.ward.id}`, s.admin, { name: 'Cardiac ICU' });
  expect(renamed.statusCode, renamed.body).toBe(200);
  const admitted = await admit(t, s.reception, (await patientAt(t, s)).id, icu.beds[0]!.id);
  expect(admitted.statusCode, admitted.body).toBe(201);
  const moved = await call(
    t,
    'POST',
    `/api/wards/admissions/${admitted.json<Admission>().id}/transfer`,
    s.nurse,
    {
      bedId: icu.beds[1]!.id,
    },
  );
  expect(moved.statusCode, moved.body).toBe(200);
});

const get = (url: string, headers = s.nurse) => call(t, 'GET', url, headers);
const PHYSICAL = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
const BED_STATUS = 'http://terminology.hl7.org/CodeSystem/v2-0116';

describe('Location (wards, rooms, beds)', () => {
  it('reads a ward, a room and a bed, each part of the one it is in, managed by the hospital', async () => {
    const ward = await get(`/fhir/R4/Location/${icu.ward.id}`);
    expect(ward.statusCode, ward.body).toBe(200);
    expect(ward.json()).toMatchObject({
      resourceType: 'Location',
      id: icu.ward.id,
      status: 'active',
      name: 'Cardiac ICU',
      description: 'Intensive care unit',
      mode: 'instance',
      physicalType: { coding: [{ system: PHYSICAL, code: 'wa' }] },
      managingOrganization: { reference: `Organization/${s.hospital.id}` },
    });
    expect(ward.json().partOf).toBeUndefined();
    expect(ward.json().operationalStatus).toBeUndefined();
    // Places name no patient: reading them is not in the audit log.
    const { rows } = await t.database.query(`select 1 from audit_events where request_id = $1`, [
      ward.headers['x-request-id'],
    ]);
    expect(rows).toEqual([]);

    const room = (await get(`/fhir/R4/Location/${icu.roomId}`)).json();
    expect(room).toMatchObject({
      name: 'Room 1',
      physicalType: { coding: [{ code: 'ro' }] },
      partOf: { reference: `Location/${icu.ward.id}`, display: 'Cardiac ICU' },
    });
    const bed = (await get(`/fhir/R4/Location/${icu.beds[0]!.id}`)).json();
    expect(bed).toMatchObject({
      name: 'B-1',
      description: 'Standard bed in Cardiac ICU, Room 1',
      physicalType: { coding: [{ code: 'bd' }] },
      partOf: { reference: `Location/${icu.roomId}`, display: 'Room 1' },
      operationalStatus: { system: BED_STATUS, code: 'H', display: 'Housekeeping' },
    });
  });

  it('says whether each bed is occupied now, and which are out of service', async () => {
    const off = await call(t, 'PATCH', `/api/wards/beds/${icu.beds[2]!.id}`, s.admin, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    const beds = (await get(`/fhir/R4/Location?partof=${icu.roomId}`)).json();
    const byId = new Map(
      beds.entry.map((e: { resource: { id: string } }) => [e.resource.id, e.resource] as const),
    );
    expect(byId.get(icu.beds[1]!.id)).toMatchObject({ status: 'active', operationalStatus: { code: 'O' } });
    expect(byId.get(icu.beds[2]!.id)).toMatchObject({ status: 'inactive', operationalStatus: { code: 'U' } });
    await call(t, 'PATCH', `/api/wards/beds/${icu.beds[2]!.id}`, s.admin, { active: true });
  });

  it('searches by the start of the name, what a place is part of, and its physical type', async () => {
    const q = async (params: string) => (await get(`/fhir/R4/Location?${params}`)).json();
    expect(bundleIds(await q('name=cardiac'))).toEqual([icu.ward.id]);
    expect(await q('name=ardiac')).toMatchObject({ total: 0 });
    expect(bundleIds(await q(`partof=Location/${icu.ward.id}`))).toEqual([icu.roomId]);
    const beds = await q(`partof=${icu.roomId}&type=bd`);
    expect(beds.total).toBe(3);
    expect(new Set(bundleIds(beds))).toEqual(new Set(icu.beds.map((b) => b.id)));
    expect(bundleIds(await q(`partof=${icu.roomId}&name=B-2`))).toEqual([icu.beds[1]!.id]);
    expect(bundleIds(await q(`type=${PHYSICAL}|wa&name=Cardiac`))).toEqual([icu.ward.id]);
    expect(await q(`partof=${icu.roomId}&type=ro`)).toMatchObject({ total: 0 });
    expect(await q('type=http://example.org|bd')).toMatchObject({ total: 0 });
    const all = await q('_count=100');
    expect(all.total).toBe(5); // one ward, one room, three beds
    expect((await get('/fhir/R4/Location?partof=Patient/x')).statusCode).toBe(400);
  });

  it("knows only the hospital's own places, and only for those who see the wards", async () => {
    const other = await site(t);
    const theirs = await wardWithBeds(t, other, 1);
    for (const id of [
      theirs.ward.id,
      theirs.roomId,
      theirs.beds[0]!.id,
      '01900000-0000-7000-8000-000000000000',
    ]) {
      expect((await get(`/fhir/R4/Location/${id}`)).statusCode, id).toBe(404);
    }
    expect((await get(`/fhir/R4/Location?partof=${theirs.roomId}`)).json()).toMatchObject({ total: 0 });
    const tech = await createStaff(t.database.db, s.hospital, 'lab_technician');
    const res = await get('/fhir/R4/Location', await sessionHeaders(t.database.db, tech, s.hospital));
    expect(res.statusCode).toBe(403);
    expect((await get('/fhir/R4/Location', s.admin)).statusCode).toBe(200);
  });
});
