import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';

/**
 * After each client-side navigation, move focus to the new page's heading, so keyboard and screen
 * reader users start at the top of what changed (not on a link that is no longer there).
 */
export function RootLayout() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // Wait a frame: a guard may still be swapping a loader for the page.
    const frame = requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('main h1[tabindex="-1"]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  return <Outlet />;
}
