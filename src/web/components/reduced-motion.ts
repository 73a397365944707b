/**
 * Whether the person asked their system for less motion (`prefers-reduced-motion: reduce`, WCAG 2.3.3): antd's
 * transitions (theme.ts), ECharts' entry animation (EChartCanvas) and the CSS animations of spinners and skeletons
 * (styles.css) are then left out. The e2e suite's browsers ask for it too: nothing there waits on an animation, and
 * an animating page costs CPU all the time it is open.
 */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
