import { useCallback, useEffect, useRef, useState } from "react";

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`; a late answer to an older load is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => current && (setData(value), setLoading(false)),
      (failure) => current && (setError(failure), setLoading(false)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return { data, error, loading, reload: useCallback(() => setRound((r) => r + 1), []) };
}

export interface PageOf<T> {
  items?: T[];
  nextCursor?: string | null;
}

export interface CursorList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
  replace: (item: T, same: (a: T, b: T) => boolean) => void;
}

/** A list read page by page with the API's cursors ("Load more"), restarted when `deps` change. */
export function useCursorList<T>(loadPage: (cursor?: string) => Promise<PageOf<T>>, deps: unknown[]): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const generation = useRef(0);
  const loader = useRef(loadPage);
  loader.current = loadPage;

  const fetchPage = useCallback((after: string | undefined, reset: boolean) => {
    const mine = reset ? ++generation.current : generation.current;
    setLoading(true);
    setError(undefined);
    loader.current(after).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((old) => (reset ? page.items ?? [] : [...old, ...(page.items ?? [])]));
        setCursor(page.nextCursor ?? null);
        setLoading(false);
      },
      (failure) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItems([]);
    fetchPage(undefined, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    items,
    hasMore: !!cursor,
    loading,
    error,
    loadMore: () => cursor && fetchPage(cursor, false),
    reload: () => fetchPage(undefined, true),
    replace: (item, same) => setItems((old) => old.map((o) => (same(o, item) ? item : o))),
  };
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
