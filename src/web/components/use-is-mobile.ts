import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px): phones, where the menu becomes a drawer and forms stack. */
const QUERY = '(max-width: 767.98px)';

const subscribe = (onChange: () => void): (() => void) => {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
};

export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
