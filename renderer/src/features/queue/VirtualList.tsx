// A windowed list (@tanstack/react-virtual): only the rows in view (and a few either side) are in the page, so ten
// years of concerns scroll as smoothly as ten. Rows have one fixed height. It stays a real list for assistive
// technology: each item says its position in the whole (aria-posinset / aria-setsize), and the arrow keys move from
// row to row, bringing rows that were not drawn into view first.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const OVERSCAN = 6;

interface VirtualListProps {
  count: number;
  rowHeight: number;
  label: string;
  renderRow: (index: number) => ReactNode;
  /** Told which rows are drawn, so the page can fetch the pages behind them. */
  onVisibleRange: (first: number, last: number) => void;
}

/** Space kept under the list for the panel's edge, so the list ends just inside the window. */
const BOTTOM_GAP = 24;
const MIN_ROWS = 4;

/** The height that takes the list from where it starts to the bottom of the window (never less than a few rows). */
function heightToWindowBottom(element: HTMLElement, rowHeight: number): number {
  const top = element.getBoundingClientRect().top + window.scrollY;
  return Math.max(MIN_ROWS * rowHeight, window.innerHeight - top - BOTTOM_GAP);
}

const primaryLinkOf = (scroller: HTMLElement | null, index: number) => scroller?.querySelector<HTMLElement>(`[data-row-index="${index}"] [data-row-primary]`) ?? null;

export function VirtualList({ count, rowHeight, label, renderRow, onVisibleRange }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  // The list fills the window below it: on a laptop that is a screenful of concerns, on a big screen more.
  const [fit, setFit] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      if (scroller.current) setFit(heightToWindowBottom(scroller.current, rowHeight));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [rowHeight]);
  // The app does not use the React Compiler, so the rule's warning (this component cannot be auto-memoised) costs nothing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (count > 0 && last >= first) onVisibleRange(first, last);
  }, [count, first, last, onVisibleRange]);

  // After a keyboard move has brought a row into the page, give its main link focus.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null || target < first || target > last) return;
    const link = primaryLinkOf(scroller.current, target);
    if (link) {
      pendingFocus.current = null;
      link.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (target: number) => {
      if (count === 0) return;
      const index = Math.max(0, Math.min(count - 1, target));
      virtualizer.scrollToIndex(index, { align: 'auto' });
      pendingFocus.current = index;
      // If the row is already drawn, focus it now; otherwise the effect above does it after drawing.
      const link = primaryLinkOf(scroller.current, index);
      if (link) {
        pendingFocus.current = null;
        link.focus({ preventScroll: true });
      }
    },
    [count, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys typed into a field inside a row (none today) are left alone.
    if ((event.target as HTMLElement).matches('input, textarea, select')) return;
    const index = Number(row.dataset.rowIndex);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div className="virtual-list" ref={scroller} style={{ height: `${Math.min(fit ?? 10 * rowHeight, Math.max(count, 1) * rowHeight + 2)}px` }}>
      <ul className="virtual-list__rows" aria-label={label} style={{ height: `${virtualizer.getTotalSize()}px` }} onKeyDown={onKeyDown}>
        {items.map((item) => (
          <li key={item.key} className="virtual-list__row" data-row-index={item.index} aria-setsize={count} aria-posinset={item.index + 1} style={{ transform: `translateY(${item.start}px)`, height: `${rowHeight}px` }}>
            {renderRow(item.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
