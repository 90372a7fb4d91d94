// An amount written out in English words, as printed on invoices and receipts. Rupees are counted
// the Indian way (thousand, lakh = 1,00,000, crore = 1,00,00,000) with paise; every other currency
// the international way (thousand, million, billion, trillion) with its minor unit.

const ONES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

/** 1..999 in words ("Four Hundred Five", "Ninety-Nine"); empty for 0. */
function belowThousand(n: number): string {
  const words: string[] = [];
  if (n >= 100) words.push(`${ONES[Math.floor(n / 100)]} Hundred`);
  const rest = n % 100;
  if (rest >= 20) words.push(TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  else if (rest > 0) words.push(ONES[rest]!);
  return words.join(' ');
}

/** A whole number in the Indian system: crore, lakh, thousand, hundred. */
export function indianWords(n: bigint): string {
  if (n === 0n) return 'Zero';
  const parts: string[] = [];
  const crore = n / 10_000_000n;
  let rest = n % 10_000_000n;
  if (crore > 0n) parts.push(`${indianWords(crore)} Crore`);
  const lakh = Number(rest / 100_000n);
  rest %= 100_000n;
  if (lakh > 0) parts.push(`${belowThousand(lakh)} Lakh`);
  const thousand = Number(rest / 1000n);
  if (thousand > 0) parts.push(`${belowThousand(thousand)} Thousand`);
  const below = Number(rest % 1000n);
  if (below > 0) parts.push(belowThousand(below));
  return parts.join(' ');
}

const SCALES = ['', 'Thousand', 'Million', 'Billion', 'Trillion', 'Quadrillion'];

/** A whole number in the international system: thousand, million, billion, trillion. */
export function internationalWords(n: bigint): string {
  if (n === 0n) return 'Zero';
  const parts: string[] = [];
  let scale = 0;
  let rest = n;
  while (rest > 0n) {
    const group = Number(rest % 1000n);
    if (group > 0) parts.unshift(`${belowThousand(group)}${SCALES[scale] ? ` ${SCALES[scale]}` : ''}`);
    rest /= 1000n;
    scale++;
  }
  return parts.join(' ');
}

/** Names of major and minor units, singular and plural, for the currencies hospitals here use. */
const UNITS: Record<string, [string, string, string, string]> = {
  INR: ['Rupee', 'Rupees', 'Paisa', 'Paise'],
  USD: ['Dollar', 'Dollars', 'Cent', 'Cents'],
  EUR: ['Euro', 'Euros', 'Cent', 'Cents'],
  GBP: ['Pound', 'Pounds', 'Penny', 'Pence'],
  AED: ['Dirham', 'Dirhams', 'Fils', 'Fils'],
  KES: ['Shilling', 'Shillings', 'Cent', 'Cents'],
  NGN: ['Naira', 'Naira', 'Kobo', 'Kobo'],
  LKR: ['Rupee', 'Rupees', 'Cent', 'Cents'],
  NPR: ['Rupee', 'Rupees', 'Paisa', 'Paise'],
  JPY: ['Yen', 'Yen', '', ''],
};

/** How many minor units make a major one in the currency (2 for most, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    const f = new Intl.NumberFormat('en', { style: 'currency', currency });
    return f.resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount of minor units in words: "Rupees One Lakh Twenty Thousand and Fifty Paise Only" for
 * INR; "One Thousand Two Hundred Dollars and Five Cents Only" for USD; for a currency not named
 * above, its code: "Two Hundred Fifteen KWD and 250/1000 Only".
 */
export function amountInWords(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(Math.abs(Math.trunc(minor)));
  const base = 10n ** BigInt(digits);
  const major = value / base;
  const cents = value % base;
  const sign = minor < 0 ? 'Minus ' : '';
  const units = UNITS[currency];
  if (currency === 'INR' || currency === 'NPR') {
    const [, plural, , minorPlural] = units!;
    const head = `${plural} ${indianWords(major)}`;
    return `${sign}${cents > 0n ? `${head} and ${indianWords(cents)} ${minorPlural}` : head} Only`;
  }
  const words = internationalWords(major);
  if (!units) {
    const fraction = cents > 0n ? ` and ${cents.toString().padStart(digits, '0')}/${base}` : '';
    return `${sign}${words} ${currency}${fraction} Only`;
  }
  const [one, many, minorOne, minorMany] = units;
  const head = `${words} ${major === 1n ? one : many}`;
  if (cents === 0n) return `${sign}${head} Only`;
  return `${sign}${head} and ${internationalWords(cents)} ${cents === 1n ? minorOne : minorMany} Only`;
}
