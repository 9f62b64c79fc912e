import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * State that re-renders at most once per `ms`: `set` keeps the latest value and the component shows it at the end of
 * the interval. For stream values that change faster than a page can draw (a 6000× replay publishes 100 bars a second).
 */
export function useThrottled<T>(initial: T, ms = 250): [T, (value: T) => void] {
  const [value, setValue] = useState(initial);
  const latest = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = useCallback((next: T) => {
    latest.current = next;
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      setValue(latest.current);
    }, ms);
  }, [ms]);
  return [value, set];
}
