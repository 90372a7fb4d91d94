import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices about purchase orders, to staff (the admins who approve, the officer whose order moved),
// linking to the order's page; and the order itself, mailed to its supplier with the PDF attached.

const orderData = z.object({
  orderId: z.uuid(),
  number: z.string().min(1),
  revision: z.number().int().min(1),
});
const label = (d: { number: string; revision: number }) =>
  d.revision > 1 ? `${d.number} (revision ${d.revision})` : d.number;
const link = (orderId: string) => `/app/purchase-orders/${orderId}`;

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

/** An approved order to its supplier, by email only (a supplier has no account), the PDF attached. */
export const orderToSupplier = defineTemplate({
  name: 'procurement.order_to_supplier',
  kind: 'procurement',
  mandatory: true,
  needsHospital: true,
  data: orderData.extend({ contactName: z.string().nullable(), resent: z.boolean() }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    return {
      email: email(
        {
          subject: `Purchase order ${label(d)} from ${hospital}`,
          paragraphs: [
            d.contactName ? `Dear ${d.contactName},` : 'Dear supplier,',
            d.resent
              ? `${hospital} sends you purchase order ${label(d)} again; it is attached as a PDF.`
              : `Please find attached purchase order ${label(d)} from ${hospital}, as a PDF.`,
            d.revision > 1
              ? `This revision replaces revision ${d.revision - 1} of the order.`
              : `Please quote ${d.number} on the delivery note and the invoice.`,
          ],
        },
        ctx,
      ),
    };
  },
});

export const orderCancelled = defineTemplate({
  name: 'procurement.order_cancelled',
  kind: 'procurement',
  needsHospital: true,
  data: orderData.extend({ reason: z.string() }),
  render: (d, ctx) => {
    const body = `Purchase order ${label(d)} was cancelled: ${d.reason}`;
    return {
      email: email({ subject: `Purchase order ${label(d)} cancelled`, paragraphs: [body] }, ctx),
      inApp: { title: 'Purchase order cancelled', body, link: link(d.orderId) },
    };
  },
});

/** An order the supplier was sent, cancelled: by email, so nothing is delivered (no reason given). */
export const orderCancelledToSupplier = defineTemplate({
  name: 'procurement.order_cancelled_to_supplier',
  kind: 'procurement',
  mandatory: true,
  needsHospital: true,
  data: orderData.extend({ contactName: z.string().nullable() }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    return {
      email: email(
        {
          subject: `Purchase order ${label(d)} from ${hospital} is cancelled`,
          paragraphs: [
            d.contactName ? `Dear ${d.contactName},` : 'Dear supplier,',
            `${hospital} has cancelled purchase order ${label(d)}. Please do not deliver it.`,
          ],
        },
        ctx,
      ),
    };
  },
});

/** Goods arrived against an order: the pharmacists learn there is new stock. */
export const goodsReceived = defineTemplate({
  name: 'procurement.goods_received',
  kind: 'procurement',
  needsHospital: true,
  data: orderData.extend({ storeName: z.string(), packs: z.number().int().min(0), complete: z.boolean() }),
  render: (d) => {
    const body = `${d.packs} ${d.packs === 1 ? 'pack' : 'packs'} arrived in ${d.storeName} on purchase order ${label(d)}${d.complete ? '; the order is complete.' : '.'}`;
    return { inApp: { title: 'Goods received', body, link: link(d.orderId) } };
  },
});

export const PROCUREMENT_TEMPLATES = [
  orderAwaitingApproval,
  orderApproved,
  orderToSupplier,
  orderCancelled,
  orderCancelledToSupplier,
  goodsReceived,
];
