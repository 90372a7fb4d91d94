// A count of a medicine's dispensing unit in English words: "1 tablet", "4 tablets", "2 suppositories",
// "10 ml". Admins type units in freely (see the medicine form), so this works on the word as typed.

/** Units of measure, written the same whatever the amount: 1 ml, 10 ml. */
const MEASURES = new Set(['ml', 'l', 'cc', 'mg', 'g', 'kg', 'mcg', 'µg', 'ug', 'iu', 'mmol', 'meq']);

function pluralWord(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`; // suppository → suppositories
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${word}es`; // patch, box
  return `${word}s`;
}

/**
 * The unit as it reads after `count`: singular for one (and for a part of one: "½ tablet"), plural
 * otherwise ("0 tablets", "4 tablets"). A unit of measure, a unit already ending in s, or one of
 * several words with "of" ("strip of 10" → "strips of 10") is handled as English writes it.
 */
export function unitWord(unit: string, count: number): string {
  const u = unit.trim();
  if (u === '' || (count > 0 && count <= 1)) return u;
  if (MEASURES.has(u.toLowerCase()) || /s$/i.test(u)) return u;
  const of = /^(\S+)(\s+of\s.*)$/i.exec(u);
  if (of) return `${pluralWord(of[1]!)}${of[2]}`;
  const words = u.split(/(\s+)/);
  const last = words.pop()!;
  return `${words.join('')}${pluralWord(last)}`;
}
