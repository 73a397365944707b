/**
 * Whether the person asked their system for less motion (`prefers-reduced-motion: reduce`, WCAG 2.3.3): antd's
 * transitions (its `motion` token, theme.ts) and ECharts' entry animation (EChartCanvas) are then left out. The e2e
 * suite's browsers ask for it too: nothing there waits on an animation, and an animating page costs CPU all the time
 * it is open. (A global CSS rule ending every animation and transition at once was tried and dropped: antd's Select
 * then opened its options outside the viewport inside a dialog.)
 */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
