// Checks of what a person actually sees: text cut short with an ellipsis, words broken in odd
// places, content running past the edge of its card.
import { expect, type Locator } from '@playwright/test';

/** Every element matched shows its whole text: nothing inside it is clipped or ellipsed. */
export async function expectNotTruncated(elements: Locator): Promise<void> {
  const clipped = await elements.evaluateAll((els) =>
    els.flatMap((el) =>
      [el, ...Array.from(el.querySelectorAll('*'))]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
        .map((e) => `${(e.textContent ?? '').trim()} (${e.clientWidth}px of ${e.scrollWidth}px)`),
    ),
  );
  expect(clipped, 'text clipped to fit').toEqual([]);
}

/**
 * Lines of the matched elements' text break only after one of `after` (or at a space): an email
 * may wrap after its "@", never in the middle of a word.
 */
export async function expectBreaksOnlyAfter(elements: Locator, after: string): Promise<void> {
  const bad = await elements.evaluateAll(
    (els, separators) =>
      els.flatMap((el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        // Visible characters, each with whether white space came just before it (a space at the
        // end of a line has no width, but breaking there is where lines should break).
        const chars: { ch: string; top: number; afterSpace: boolean }[] = [];
        let space = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (text[i]!.trim() === '') space = true;
            else if (rect.width > 0) {
              chars.push({ ch: text[i]!, top: Math.round(rect.top), afterSpace: space });
              space = false;
            }
          }
        }
        const breaks: string[] = [];
        for (let i = 1; i < chars.length; i++) {
          const prev = chars[i - 1]!;
          if (chars[i]!.top > prev.top + 2 && !separators.includes(prev.ch) && !chars[i]!.afterSpace)
            breaks.push(
              `${el.textContent}: broken after "${chars
                .slice(0, i)
                .map((c) => c.ch)
                .join('')}"`,
            );
        }
        return breaks;
      }),
    after,
  );
  expect(bad, 'words broken mid-word').toEqual([]);
}

/** Every matched element lies inside its closest `container` horizontally: nothing runs past the edge. */
export async function expectInside(elements: Locator, container: string): Promise<void> {
  const outside = await elements.evaluateAll(
    (els, selector) =>
      els.flatMap((el) => {
        const box = el.getBoundingClientRect();
        const outer = el.closest(selector)?.getBoundingClientRect();
        if (!outer) return [`${el.textContent}: no ${selector} around it`];
        return box.left < outer.left - 1 || box.right > outer.right + 1
          ? [`${el.textContent}: ${box.left}-${box.right} outside ${outer.left}-${outer.right}`]
          : [];
      }),
    container,
  );
  expect(outside, 'content running past its card').toEqual([]);
}

/**
 * Nothing inside `container` scrolls sideways (a table wider than a phone hides its columns behind
 * a scroll only some people find), and the container itself ends inside the viewport.
 */
export async function expectNoSidewaysScroll(container: Locator): Promise<void> {
  const scrolling = await container.evaluate((root) => {
    const found: string[] = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    if (root.getBoundingClientRect().right > window.innerWidth + 1)
      found.push(`the container ends at ${root.getBoundingClientRect().right} px`);
    return found;
  });
  expect(scrolling, 'content that scrolls sideways').toEqual([]);
}
