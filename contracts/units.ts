// A count of a medicine's dispensing unit in English words: "1 tablet", "4 tablets", "2 suppositories",
// "10 ml". Admins type units in freely (see the medicine form), so this works on the word as typed.

/** Units of measure, written the same whatever the amount: 1 ml, 10 ml. */
const MEASURES = new Set(['ml', 'l', 'cc', 'mg', 'g', 'kg', 'mcg', 'µg', 'ug', 'iu', 'mmol', 'meq']);

function pluralWord(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`; // suppository → suppositories
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`; // patch, box
  return `${word}s`;
}

const NOT_PLURAL = /(?:ss|us|is)$/i; // glass, bolus: end in s, but one

function isPlural(word: string): boolean {
  return /s$/i.test(word) && !NOT_PLURAL.test(word);
}

/** The one of a word typed in the plural ("tablets" → "tablet"). */
function singularWord(word: string): string {
  if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}y`; // suppositories → suppository
  if (/(?:x|z|ch|sh|ss)es$/i.test(word)) return word.slice(0, -2); // patches, boxes, glasses
  return word.slice(0, -1);
}

/** `unit` cut around its counted word: the first of "x of y", else the last. */
function aroundCounted(unit: string): [before: string, word: string, after: string] {
  const of = /^(\S+)(\s+of\s.*)$/i.exec(unit);
  if (of) return ['', of[1]!, of[2]!];
  const words = unit.split(/(\s+)/);
  const last = words.pop()!;
  return [words.join(''), last, ''];
}

/**
 * The unit as it reads after `count`: singular for one (and for a part of one: "½ tablet"), plural
 * otherwise ("0 tablets", "4 tablets"). A unit of measure, or one of several words with "of"
 * ("strip of 10" → "strips of 10") is handled as English writes it. A unit an admin typed in the
 * plural ("tablets") is kept for many and made singular for one ("1 tablet").
 */
export function unitWord(unit: string, count: number): string {
  const u = unit.trim();
  if (u === '' || MEASURES.has(u.toLowerCase())) return u;
  const [before, word, after] = aroundCounted(u);
  const one = count > 0 && count <= 1;
  let counted = word;
  if (one && isPlural(word)) counted = singularWord(word);
  else if (!one && !isPlural(word)) counted = pluralWord(word);
  return `${before}${counted}${after}`;
}
