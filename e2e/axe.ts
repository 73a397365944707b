import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** One violation as axe reports it, with the first few offending elements for the failure message. */
export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** The WCAG 2.1 A and AA rules (not axe's best-practice extras). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Waits for the page to settle (no requests, no spinners, no skeletons), injects axe-core into it and runs the
 * WCAG 2.1 A/AA rules on the whole document.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // antd's motion (fade-in tables, drawers) must end before colours are measured
  await page.waitForTimeout(400);
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an inline <script>
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

export const isSerious = (v: AxeViolation): boolean => v.impact === 'serious' || v.impact === 'critical';

/** One line per violation and up to three of its elements: readable in a failed assertion. */
export function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${where}: [${v.impact ?? '?'}] ${v.id} (${v.help}) × ${String(v.nodes.length)}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.html.slice(0, 160))
        .join(' | ')}`,
  );
}
