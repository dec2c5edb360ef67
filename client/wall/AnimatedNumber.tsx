import { useEffect, useRef, useState } from 'react';

export interface AnimatedNumberProps {
  value: number | null;
  format: (value: number) => string;
  /** Length of the count-up, in milliseconds (default 900). */
  durationMs?: number;
}

/** A number that counts from its previous value to a new one, so a change on the wall catches the eye. */
export function AnimatedNumber({ value, format, durationMs = 900 }: AnimatedNumberProps) {
  const [shown, setShown] = useState(value);
  const from = useRef(value);
  useEffect(() => {
    if (value === null || from.current === null || from.current === value) {
      from.current = value;
      setShown(value);
      return;
    }
    const start = performance.now();
    const begin = from.current;
    let frame = 0;
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / durationMs);
      const eased = 1 - (1 - t) ** 3;
      setShown(begin + (value - begin) * eased);
      if (t < 1) frame = requestAnimationFrame(step);
      else from.current = value;
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      from.current = value;
    };
  }, [value, durationMs]);
  return <span data-value={value ?? ''}>{shown === null ? '—' : format(shown)}</span>;
}
