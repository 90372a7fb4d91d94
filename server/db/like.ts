// LIKE patterns from what a person typed: their % _ and \ match themselves, not any text.

/** The text with LIKE's wildcards (% and _) and its escape character (\) taken literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A pattern for lower-cased values that hold `text` anywhere. */
export const containsLower = (text: string): string => `%${escapeLike(text.toLowerCase())}%`;
