import { useEffect, useState } from 'react';

const QUERY = '(forced-colors: active)';

const media = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;

/** Whether Windows high contrast (forced colours) is on; follows changes. */
export function useForcedColors(): boolean {
  const [forced, setForced] = useState(() => media()?.matches ?? false);
  useEffect(() => {
    const m = media();
    if (!m?.addEventListener) return;
    const onChange = (e: MediaQueryListEvent) => setForced(e.matches);
    m.addEventListener('change', onChange);
    return () => m.removeEventListener('change', onChange);
  }, []);
  return forced;
}
