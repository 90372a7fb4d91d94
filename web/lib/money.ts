// Money is held in minor units (paise, cents) with a currency; people type and read major units.

/** Digits after the decimal point in a currency (INR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** A typed amount in major units (12.5) as whole minor units (1250), rounded to the currency's digits. */
export function toMinor(major: number, currency: string): number {
  const factor = 10 ** currencyDigits(currency);
  // 1.005 * 100 is 100.49999…: round on the decimal text, not the binary product.
  const shifted = Number(`${major}e${Math.log10(factor)}`);
  return Math.round(Number.isFinite(shifted) ? shifted : major * factor);
}

/** Minor units as the major amount a person edits (1250 → 12.5). */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}
