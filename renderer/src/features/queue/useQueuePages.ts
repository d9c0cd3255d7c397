// Server-side paging for the queue: pages of 100 rows are fetched as the list scrolls to them and kept until the
// tab, filters or sort change. Answers for an older query are dropped, so a slow page never lands in a new list.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, QueueFilters, QueueRow } from '../../../../shared/api';
import { invoke } from '../../api';

export const PAGE_SIZE = 100;

export type QueueTab = 'new' | 'open' | 'closed' | 'all';
export type QueueSort = 'priority' | 'oldest' | 'newest';

export interface QueueQuery {
  tab: QueueTab;
  filters: QueueFilters;
  sort: QueueSort;
}

const emptyPages: ReadonlyMap<number, QueueRow[]> = new Map();

export function useQueuePages(query: QueueQuery, reloadKey: number) {
  // Pages belong to one query; pages for an older query are never shown (and are replaced on the first new page).
  const key = `${JSON.stringify(query)}#${reloadKey}`;
  const [loaded, setLoaded] = useState<{ key: string; pages: ReadonlyMap<number, QueueRow[]>; total: number | null }>({ key: '', pages: emptyPages, total: null });
  const [problem, setProblem] = useState<AppError | null>(null);
  const requested = useRef({ key: '', pages: new Set<number>() });
  const queryRef = useRef({ key, query });

  useEffect(() => {
    queryRef.current = { key, query: JSON.parse(key.slice(0, key.lastIndexOf('#'))) as QueueQuery };
  }, [key]);

  /** Asks for one page unless it is already asked for; null when it was. */
  const requestPage = useCallback(async (forKey: string, forQuery: QueueQuery, pageIndex: number) => {
    if (requested.current.key !== forKey) requested.current = { key: forKey, pages: new Set() };
    if (requested.current.pages.has(pageIndex)) return null;
    requested.current.pages.add(pageIndex);
    const { tab, filters, sort } = forQuery;
    return invoke('queue.concerns', { tab, filters, sort, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE });
  }, []);

  const applyPage = useCallback((forKey: string, pageIndex: number, result: Awaited<ReturnType<typeof requestPage>>) => {
    if (!result || queryRef.current.key !== forKey) return;
    if (result.ok) {
      setLoaded((previous) => ({
        key: forKey,
        pages: new Map(previous.key === forKey ? previous.pages : emptyPages).set(pageIndex, result.value.rows),
        total: result.value.total,
      }));
      setProblem(null);
    } else {
      requested.current.pages.delete(pageIndex);
      if (result.error.code !== 'locked') setProblem(result.error);
    }
  }, []);

  useEffect(() => {
    void requestPage(key, JSON.parse(key.slice(0, key.lastIndexOf('#'))) as QueueQuery, 0).then((result) => applyPage(key, 0, result));
  }, [key, requestPage, applyPage]);

  const onVisibleRange = useCallback(
    (first: number, last: number) => {
      const { key: currentKey, query: currentQuery } = queryRef.current;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) {
        void requestPage(currentKey, currentQuery, page).then((result) => applyPage(currentKey, page, result));
      }
    },
    [requestPage, applyPage],
  );

  const current = loaded.key === key;
  const pages = current ? loaded.pages : emptyPages;
  const rowAt = useCallback((index: number): QueueRow | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  return { total: current ? loaded.total : null, problem, rowAt, onVisibleRange };
}
