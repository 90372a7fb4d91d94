import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices the pharmacy sends: to patients about their online orders, to pharmacists about their
// queue and their stock. Links point into the web app (web/app/nav.ts).

const orderData = z.object({
  orderId: z.uuid(),
  number: z.string().min(1),
  /** Formatted by the caller in the hospital's currency, e.g. "₹ 1,234.50". */
  total: z.string().min(1),
});

const patientLink = (orderId: string) => `/app/my-orders/${orderId}`;

export const orderPlaced = defineTemplate({
  name: 'pharmacy.order_placed',
  kind: 'order',
  needsHospital: true,
  data: orderData.extend({ needsPrescription: z.boolean(), reservedUntil: z.iso.datetime({ offset: true }) }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body =
      `We have your order ${d.number} (${d.total}) and the stock is set aside for you. ` +
      (d.needsPrescription
        ? `A pharmacist at ${hospital} will check your prescription`
        : `A pharmacist at ${hospital} will check it`) +
      ` before ${ctx.dateTime(d.reservedUntil)}.`;
    return {
      email: email({ subject: `Order ${d.number} received`, paragraphs: [body] }, ctx),
      inApp: { title: `Order ${d.number} received`, body, link: patientLink(d.orderId) },
    };
  },
});

const STEP = {
  approved: (n: string) => ({
    title: `Order ${n} approved`,
    body: `A pharmacist has checked your order ${n}. It is being prepared.`,
  }),
  ready_pickup: (n: string) => ({
    title: `Order ${n} is ready`,
    body: `Your order ${n} is ready to collect at the pharmacy counter. Bring your ID.`,
  }),
  ready_delivery: (n: string) => ({
    title: `Order ${n} is on its way`,
    body: `Your order ${n} has been packed and is out for delivery.`,
  }),
  collected: (n: string) => ({
    title: `Order ${n} collected`,
    body: `Your order ${n} was collected. Thank you.`,
  }),
  delivered: (n: string) => ({ title: `Order ${n} delivered`, body: `Your order ${n} was delivered.` }),
  cancelled: (n: string) => ({ title: `Order ${n} cancelled`, body: `Your order ${n} was cancelled.` }),
  expired: (n: string) => ({
    title: `Order ${n} lapsed`,
    body: `Your order ${n} was not checked in time, so the stock set aside for it was released. You have not been charged; you can order again.`,
  }),
} as const;

export const orderUpdate = defineTemplate({
  name: 'pharmacy.order_update',
  kind: 'order',
  needsHospital: true,
  data: orderData.extend({
    step: z.enum(Object.keys(STEP) as [keyof typeof STEP, ...(keyof typeof STEP)[]]),
    note: z.string().max(500).nullable(),
  }),
  render: (d, ctx) => {
    const { title, body: base } = STEP[d.step](d.number);
    const body = d.note ? `${base}\n\n${d.note}` : base;
    return {
      email: email({ subject: title, paragraphs: [body, `${ctx.hospital!.name} pharmacy`] }, ctx),
      sms: `${ctx.hospital!.name}: ${base}`,
      inApp: { title, body, link: patientLink(d.orderId) },
    };
  },
});

export const orderRejected = defineTemplate({
  name: 'pharmacy.order_rejected',
  kind: 'order',
  needsHospital: true,
  data: orderData.extend({ reason: z.string().min(1).max(500) }),
  render: (d, ctx) => {
    const body = `A pharmacist at ${ctx.hospital!.name} could not accept your order ${d.number}, for this reason:\n\n${d.reason}\n\nNothing was charged and the stock set aside was released.`;
    return {
      email: email({ subject: `Order ${d.number} not accepted`, paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: your order ${d.number} was not accepted. See the app for the reason.`,
      inApp: { title: `Order ${d.number} not accepted`, body, link: patientLink(d.orderId) },
    };
  },
});

/** To the hospital's pharmacists: an order waits in the queue. */
export const orderWaiting = defineTemplate({
  name: 'pharmacy.order_waiting',
  kind: 'order',
  needsHospital: true,
  data: orderData.extend({ needsPrescription: z.boolean() }),
  render: (d) => {
    const body = `Online order ${d.number} (${d.total}) waits for verification${d.needsPrescription ? '; it has a prescription to check' : ''}.`;
    return { inApp: { title: `New order ${d.number}`, body, link: `/app/pharmacy-orders/${d.orderId}` } };
  },
});

/** To the hospital's pharmacists, once a day when there is something to act on. */
export const stockAlerts = defineTemplate({
  name: 'pharmacy.stock_alerts',
  kind: 'stock',
  needsHospital: true,
  data: z.object({
    lowStock: z.number().int().min(0),
    outOfStock: z.number().int().min(0),
    expiring30: z.number().int().min(0),
    expiring90: z.number().int().min(0),
    expired: z.number().int().min(0),
    lowNames: z.array(z.string()).max(10),
  }),
  render: (d, ctx) => {
    const parts = [
      d.lowStock > 0
        ? `${d.lowStock} medicine(s) at or under their reorder level (${d.outOfStock} out of stock)` +
          (d.lowNames.length
            ? `: ${d.lowNames.join(', ')}${d.lowStock > d.lowNames.length ? ', …' : ''}`
            : '')
        : null,
      d.expiring30 > 0 ? `${d.expiring30} batch(es) expire within 30 days` : null,
      d.expiring90 > d.expiring30 ? `${d.expiring90} within 90 days` : null,
      d.expired > 0 ? `${d.expired} expired batch(es) still hold stock and should be written off` : null,
    ].filter((p): p is string => p !== null);
    const body = `${parts.join('; ')}.`;
    return {
      email: email(
        {
          subject: `Stock alerts at ${ctx.hospital!.name}`,
          paragraphs: [body, 'Open Alerts in Hospitium to act on them.'],
        },
        ctx,
      ),
      inApp: { title: 'Stock alerts', body, link: '/app/stock-alerts' },
    };
  },
});

/** Every notice this module sends (listed in its manifest). */
export const PHARMACY_TEMPLATES = [
  orderPlaced,
  orderUpdate,
  orderRejected,
  orderWaiting,
  stockAlerts,
] as const;
