import { useFormat } from '../lib/format';

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
