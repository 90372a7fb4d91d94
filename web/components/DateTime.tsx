import type { ReactNode } from 'react';
import { TimeZoneContext, useFormat } from '../lib/format';

const whole = { whiteSpace: 'nowrap' } as const;

/**
 * An instant as date and time in the zone in effect, which may wrap only between the two: a narrow
 * cell shows "Dec 4, 2026," over "6:52 PM", never "6:52" over "PM".
 */
export function DateTime({ iso }: { iso: string }) {
  const { date, joiner, time } = useFormat().dateTimeParts(iso);
  return (
    <>
      <span style={whole}>{date}</span>
      {joiner}
      <span style={whole}>{time}</span>
    </>
  );
}

/** Shows the times inside on `zone`'s clock (that of the hospital a card is about), whatever the page's. */
export function OnClockOf({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}
