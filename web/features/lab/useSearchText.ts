// A list's search text held by the page, and copied to the address (`q`) once typing pauses,
// rather than shown from the address: the router applies a new address a moment after the
// keystroke, so a box that shows it drops characters typed faster than that, and a hand scanner
// types every accession number faster than that. The address still leads when it changes from
// elsewhere (a link, Back).
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

/**
 * The box's text, its change handler and `flush` (the address takes the text now), given the
 * address's `q` and how to set it. The address takes the text `delay` ms after the last keystroke,
 * or at `flush`: the list searches for that.
 */
export function useSearchText(q: string, setQ: (text: string) => void, delay = 250) {
  const [text, setText] = useState(q);
  // What the box last sent to the address, and the address as last seen.
  const [sent, setSent] = useState(q);
  const [seen, setSeen] = useState(q);
  const send = useDebouncedCallback((value: string) => {
    setSent(value);
    setQ(value);
  }, delay);
  if (q !== seen) {
    setSeen(q);
    if (q !== sent) setText(q);
  }
  const change = (value: string) => {
    setText(value);
    send(value);
  };
  return [text, change, () => send.flush()] as const;
}
