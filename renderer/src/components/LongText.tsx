// A long piece of writing in a list or a table: the opening lines, and a native <details> that opens to the whole
// text (keyboard and screen-reader operable for free). Nothing is ever cut for good — the full words are one
// press away, and a file that leaves the school always carries them whole.
import { useState } from 'react';

/** Texts longer than this many characters open from their first lines. */
export const LONG_TEXT_LIMIT = 300;

function openingOf(text: string): string {
  const cut = text.lastIndexOf(' ', LONG_TEXT_LIMIT - 20);
  return text.slice(0, cut > LONG_TEXT_LIMIT / 2 ? cut : LONG_TEXT_LIMIT - 20);
}

export function LongText({ text, what = 'the whole entry' }: { text: string; what?: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= LONG_TEXT_LIMIT) return <>{text}</>;
  return (
    <details className="long-text" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="long-text__summary">
        {!open && <span className="long-text__opening">{openingOf(text)}… </span>}
        <span className="long-text__toggle">
          {open ? 'Show less' : 'Show all'}
          <span className="visually-hidden"> of {what}</span>
        </span>
      </summary>
      <p className="long-text__whole">{text}</p>
    </details>
  );
}
