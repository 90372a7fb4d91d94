import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// The invoice, mailed to the patient when it is finalised, with its PDF attached: a "billing"
// notice, which the patient may take by email, in the app, or not at all.

export const invoiceIssued = defineTemplate({
  name: 'billing.invoice_issued',
  kind: 'billing',
  needsHospital: true,
  data: z.object({
    invoiceId: z.uuid(),
    number: z.string().min(1),
    total: z.string().min(1),
    balance: z.string().min(1),
    settled: z.boolean(),
  }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = d.settled
      ? `Your invoice ${d.number} from ${hospital} for ${d.total} is paid.`
      : `Your invoice ${d.number} from ${hospital} is for ${d.total}; ${d.balance} is still to pay.`;
    return {
      email: email(
        {
          subject: `Invoice ${d.number} from ${hospital}`,
          paragraphs: [body, 'The invoice is attached as a PDF.'],
        },
        ctx,
      ),
      inApp: { title: `Invoice ${d.number}`, body, link: null },
    };
  },
});

export const BILLING_TEMPLATES = [invoiceIssued];
