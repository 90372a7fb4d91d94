import { useState } from 'react';

/** The time the screen was first shown: stable across re-renders (today's date, what has passed). */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}
