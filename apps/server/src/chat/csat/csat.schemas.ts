import { z } from 'zod';

export const submitCsatBody = z.strictObject({
  rating: z.number().refine((v) => Number.isInteger(v) && v >= 1 && v <= 5, {
    params: { code: 'invalid_value' },
    message: 'It should be an integer from 1 to 5',
  }),
  comment: z.string().trim().max(5000).nullish(),
});
export type SubmitCsatBody = z.output<typeof submitCsatBody>;

export const csatParams = z.object({ id: z.uuid({ error: 'It should be a conversation id (UUID)' }) });

/** A date (`2026-11-24`) or a date-time with offset; a date `to` runs to the end of that day. */
const reportTime = (end: boolean) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'It should be a date (YYYY-MM-DD) or an ISO8601 date-time',
    })
    .transform((value) => {
      const time = new Date(value);
      if (end && value.length === 10) time.setUTCDate(time.getUTCDate() + 1);
      return time;
    });

export const csatReportQuery = z
  .strictObject({
    from: reportTime(false).optional(),
    to: reportTime(true).optional(),
    agent_id: z.uuid({ error: 'It should be an agent id (UUID)' }).optional(),
    group_by: z.enum(['agent', 'day']).optional(),
    /** The length of one `by_period` entry (UTC): a day, an ISO week from Monday, or a month. */
    interval: z
      .enum(['day', 'week', 'month'], { error: "It should be one of 'day', 'week', 'month'" })
      .default('day'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ['to'],
    params: { code: 'invalid_value' },
    message: 'It should be after from',
  });
export type CsatReportQuery = z.output<typeof csatReportQuery>;
