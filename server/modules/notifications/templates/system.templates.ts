import { z } from 'zod';
import { defineTemplate, email } from './template';

/** An operator's check that mail, SMS and in-app delivery work, sent to themselves. */
export const systemTest = defineTemplate({
  name: 'system.test',
  kind: 'account',
  mandatory: true,
  data: z.object({ sentAt: z.iso.datetime() }),
  render: (d, ctx) => {
    const body = `This is a test notice from Hospitium, sent at ${ctx.dateTime(d.sentAt)}. If you can read it, this channel works.`;
    return {
      email: email({ subject: 'Hospitium test notice', paragraphs: [body] }, ctx),
      sms: body,
      inApp: { title: 'Test notice', body, link: null },
    };
  },
});
