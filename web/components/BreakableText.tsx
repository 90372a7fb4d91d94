import { Fragment } from 'react';
import { breakAfter } from '../lib/text';

/**
 * Text that wraps only after one of `after` (by default an email after its "@"): in a narrow table
 * cell it breaks there instead of in the middle of a word. Put it in an element styled
 * `overflow-wrap: break-word`, which still breaks a single part too long for the line.
 */
export function BreakableText({ text, after = '@' }: { text: string; after?: string }) {
  const parts = breakAfter(text, after);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
