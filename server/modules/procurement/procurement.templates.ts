import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices about purchase orders, to staff: the admins who approve, the officer whose order moved.
// No link until the purchase-order pages exist in the web app (server/modules/notice-links.test.ts).

const orderData = z.object({
  orderId: z.uuid(),
  number: z.string().min(1),
  revision: z.number().int().min(1),
});
const label = (d: { number: string; revision: number }) =>
  d.revision > 1 ? `${d.number} (revision ${d.revision})` : d.number;
const link = (_orderId: string): string | null => null;

export const orderAwaitingApproval = defineTemplate({
  name: 'procurement.order_awaiting_approval',
  kind: 'procurement',
  needsHospital: true,
  data: orderData,
  render: (d, ctx) => {
    const body = `Purchase order ${label(d)} at ${ctx.hospital!.name} is waiting for your approval.`;
    return {
      email: email({ subject: `Purchase order ${label(d)} to approve`, paragraphs: [body] }, ctx),
      inApp: { title: 'Purchase order to approve', body, link: link(d.orderId) },
    };
  },
});

export const orderApproved = defineTemplate({
  name: 'procurement.order_approved',
  kind: 'procurement',
  needsHospital: true,
  data: orderData,
  render: (d, ctx) => {
    const body = `Purchase order ${label(d)} has been approved and can be sent to the supplier.`;
    return {
      email: email({ subject: `Purchase order ${label(d)} approved`, paragraphs: [body] }, ctx),
      inApp: { title: 'Purchase order approved', body, link: link(d.orderId) },
    };
  },
});

export const PROCUREMENT_TEMPLATES = [orderAwaitingApproval, orderApproved];
