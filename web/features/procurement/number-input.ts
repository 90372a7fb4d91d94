// Mantine's NumberInput hands over a number, or a string while the text is not (yet) one it can
// hold as a number: empty, "12.", or "12.40" with its trailing zero kept. A form reads the amount
// typed from either.

/** The number typed, or undefined when the box is empty or holds no number. */
export function typedNumber(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const text = v.trim().replace(/,/g, '');
  if (text === '' || !/^-?\d*\.?\d*$/.test(text) || text === '.' || text === '-') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
