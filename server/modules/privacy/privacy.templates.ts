import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices about erasure requests: to a hospital's admins when one of its patients asks (in the app
// only, and naming the patient by MRN, never by name: the notice outlives the name it would carry),
// and to the patient when a hospital refuses, with its reason (whatever their preferences say).

export const erasureRequested = defineTemplate({
  name: 'privacy.erasure_requested',
  kind: 'account',
  needsHospital: true,
  data: z.object({ requestId: z.uuid(), mrn: z.string().min(1) }),
  render: (d, ctx) => ({
    inApp: {
      title: 'A patient asked for erasure',
      body: `The patient with MRN ${d.mrn} asked ${ctx.hospital!.name} to erase their data. Review the request.`,
      link: '/app/erasure-requests',
    },
  }),
});

export const erasureRefused = defineTemplate({
  name: 'privacy.erasure_refused',
  kind: 'account',
  mandatory: true,
  needsHospital: true,
  data: z.object({ requestId: z.uuid(), note: z.string().min(1) }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = `${hospital} keeps your data for now, and did not erase it: ${d.note}`;
    return {
      email: email({ subject: 'Your request to erase your data', paragraphs: [body] }, ctx),
      inApp: { title: 'Your erasure request was refused', body, link: '/app/privacy' },
    };
  },
});

export const PRIVACY_TEMPLATES = [erasureRequested, erasureRefused];
