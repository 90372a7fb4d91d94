import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices the lab sends: to the patient when their report is ready, to whoever ordered a test
// when a critical value is verified, and to the doctor who ordered the tests when the results are
// all in. Links point into the web app (web/app/nav/).

export const reportReady = defineTemplate({
  name: 'lab.report_ready',
  kind: 'lab',
  needsHospital: true,
  data: z.object({ orderId: z.uuid(), number: z.string().min(1) }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = `Your lab report ${d.number} from ${hospital} is ready. You can read and download it in Hospitium.`;
    return {
      email: email({ subject: `Your lab report ${d.number} is ready`, paragraphs: [body] }, ctx),
      sms: `${hospital}: your lab report ${d.number} is ready. Sign in to Hospitium to read it.`,
      inApp: { title: `Lab report ${d.number} is ready`, body, link: `/app/my-lab-reports/${d.orderId}` },
    };
  },
});

export const criticalResult = defineTemplate({
  name: 'lab.critical_result',
  kind: 'lab',
  needsHospital: true,
  data: z.object({
    orderId: z.uuid(),
    number: z.string().min(1),
    test: z.string().min(1),
    patient: z.string(),
    mrn: z.string(),
    values: z.array(z.string()).min(1),
  }),
  render: (d, ctx) => {
    const who = d.mrn ? `${d.patient} (${d.mrn})` : d.patient;
    const body = `Critical result on ${d.test} for ${who}, order ${d.number}: ${d.values.join('; ')}.`;
    return {
      email: email(
        {
          subject: `Critical lab result: ${d.patient}`,
          paragraphs: [body, `${ctx.hospital!.name} laboratory`],
        },
        ctx,
      ),
      sms: `${ctx.hospital!.name} lab: ${body}`,
      inApp: { title: `Critical result: ${d.patient}`, body, link: `/app/lab-orders/${d.orderId}` },
    };
  },
});

export const resultsReady = defineTemplate({
  name: 'lab.results_ready',
  kind: 'lab',
  needsHospital: true,
  data: z.object({ orderId: z.uuid(), number: z.string().min(1), patient: z.string(), mrn: z.string() }),
  render: (d, ctx) => {
    const who = d.mrn ? `${d.patient} (${d.mrn})` : d.patient;
    const body = `The results of lab order ${d.number} for ${who} are verified and ready to read.`;
    return {
      email: email({ subject: `Lab results ready: ${d.patient}`, paragraphs: [body] }, ctx),
      inApp: { title: `Lab results ready: ${d.patient}`, body, link: `/app/lab-orders/${d.orderId}` },
    };
  },
});

/** To the patient: a test of a report they were told of was corrected (ADR 35). */
export const reportAmended = defineTemplate({
  name: 'lab.report_amended',
  kind: 'lab',
  needsHospital: true,
  data: z.object({ orderId: z.uuid(), number: z.string().min(1), test: z.string().min(1) }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = `${hospital} laboratory corrected the result of ${d.test} on your lab report ${d.number}. The corrected report, with what changed and why, is in Hospitium.`;
    return {
      email: email({ subject: `Your lab report ${d.number} was corrected`, paragraphs: [body] }, ctx),
      sms: `${hospital}: a result on your lab report ${d.number} was corrected. Sign in to Hospitium to read it.`,
      inApp: { title: `Lab report ${d.number} corrected`, body, link: `/app/my-lab-reports/${d.orderId}` },
    };
  },
});

/** To whoever ordered the test: its released results were corrected, with the reason. */
export const resultAmended = defineTemplate({
  name: 'lab.result_amended',
  kind: 'lab',
  needsHospital: true,
  data: z.object({
    orderId: z.uuid(),
    number: z.string().min(1),
    test: z.string().min(1),
    patient: z.string(),
    mrn: z.string(),
    reason: z.string().min(1),
  }),
  render: (d, ctx) => {
    const who = d.mrn ? `${d.patient} (${d.mrn})` : d.patient;
    const body = `The result of ${d.test} for ${who}, order ${d.number}, was corrected: ${d.reason}`;
    return {
      email: email(
        {
          subject: `Corrected lab result: ${d.patient}`,
          paragraphs: [body, `${ctx.hospital!.name} laboratory`],
        },
        ctx,
      ),
      sms: `${ctx.hospital!.name} lab: corrected result of ${d.test} for ${who}, order ${d.number}.`,
      inApp: { title: `Corrected result: ${d.patient}`, body, link: `/app/lab-orders/${d.orderId}` },
    };
  },
});

export const LAB_TEMPLATES = [reportReady, criticalResult, resultsReady, reportAmended, resultAmended];
