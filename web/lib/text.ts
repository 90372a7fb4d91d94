/**
 * Splits text just after each character of `after`: the places a line may break. An email splits
 * after its "@" and dots, an audit action after its dots and underscores, so neither is ever cut
 * in the middle of a word.
 */
export function breakAfter(text: string, after: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (after.includes(text[i]!)) {
      parts.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
