// A windowed list: only the rows in view (and a few either side) are in the page, so ten years of concerns scroll
// as smoothly as ten. Rows have one fixed height. It stays a real list for assistive technology: each item says
// its position in the whole (aria-posinset / aria-setsize), and the arrow keys move from row to row, bringing
// rows that were not drawn into view first. Replace with @tanstack/react-virtual if it is ever installed.
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

export function VirtualList({ count, rowHeight, label, renderRow, onVisibleRange }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight || 600);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (count > 0) onVisibleRange(first, last);
  }, [count, first, last, onVisibleRange]);

  // After a keyboard move has brought a row into the page, give its main link focus.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null || target < first || target > last) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${target}"] [data-row-primary]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (target: number) => {
      const element = scroller.current;
      if (!element || count === 0) return;
      const index = Math.max(0, Math.min(count - 1, target));
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
      setScrollTop(element.scrollTop);
      pendingFocus.current = index;
      // If the row is already drawn, focus it now; otherwise the effect above does it after drawing.
      const row = element.querySelector<HTMLElement>(`[data-row-index="${index}"] [data-row-primary]`);
      if (row) {
        pendingFocus.current = null;
        row.focus({ preventScroll: true });
      }
    },
    [count, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys typed into a field inside a row (none today) are left alone.
    if ((event.target as HTMLElement).matches('input, textarea, select')) return;
    const index = Number(row.dataset.rowIndex);
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index += 1) {
    rows.push(
      <li key={index} className="virtual-list__row" data-row-index={index} aria-setsize={count} aria-posinset={index + 1} style={{ transform: `translateY(${index * rowHeight}px)`, height: `${rowHeight}px` }}>
        {renderRow(index)}
      </li>,
    );
  }

  return (
    <div className="virtual-list" ref={scroller} style={{ height: `min(70vh, 44rem, ${Math.max(count, 1) * rowHeight + 2}px)` }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <ul className="virtual-list__rows" aria-label={label} style={{ height: `${Math.max(count, 1) * rowHeight}px` }} onKeyDown={onKeyDown}>
        {rows}
      </ul>
    </div>
  );
}
