import type { ReactNode } from 'react';

/**
 * A table (or chart) wider than the screen scrolls sideways inside this box, which keyboard users can focus and
 * scroll with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable). For tables without links or buttons,
 * whose own scroll container (antd `scroll.x`) nobody can reach by keyboard.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
