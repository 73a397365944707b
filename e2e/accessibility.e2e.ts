import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, isSerious, runAxe } from './axe';
import { launch, newPage, signIn } from './browser';

/**
 * WCAG 2.1 AA (issue 21 item 7): axe-core on every role's home page and main working page; any serious or critical
 * violation fails. One browser, one context per role, the role's saved session (signIn). Read only.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const ROLES: { username: string; admin: boolean; pages: string[] }[] = [
  { username: 'province', admin: true, pages: ['/', '/coverage', '/enterprises'] },
  { username: 'suzhou', admin: true, pages: ['/', '/training-plans', '/training/classes'] },
  { username: 'kunshan', admin: true, pages: ['/', '/filings', '/worklists'] },
  { username: 'ent-kunshan-1', admin: false, pages: ['/', '/my-enterprise', '/my-filings', '/account/contact'] },
  { username: 'officer-kunshan-1', admin: false, pages: ['/', '/me/training', '/study'] },
  { username: 'trainer-suzhou', admin: false, pages: ['/', '/training/classes'] },
  { username: 'alliance-js', admin: false, pages: ['/', '/community/manage', '/community/events?tab=managed'] },
  { username: 'sysadmin', admin: true, pages: ['/', '/accounts'] },
  { username: 'secadmin', admin: true, pages: ['/', '/security-policy'] },
  { username: 'auditadmin', admin: true, pages: ['/', '/audit'] },
];

describe('axe-core finds no serious WCAG 2.1 AA violation on any role’s main pages', () => {
  for (const role of ROLES) {
    it(`${role.username}: ${role.pages.join(' ')}`, async () => {
      const { context, page } = await newPage(browser, { width: 1280, height: 860 });
      try {
        await signIn(page, role.username, undefined, role.admin);
        const found: string[] = [];
        for (const path of role.pages) {
          if (path !== '/') await page.goto(path);
          const violations = await runAxe(page);
          const lines = describeViolations(`${role.username} ${path}`, violations);
          if (lines.length) console.log(lines.join('\n'));
          found.push(...describeViolations(`${role.username} ${path}`, violations.filter(isSerious)));
          // names read out in English: icon file names ("edit", "user"), antd's "Increase Value"
          const english = await page.evaluate(() =>
            [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? '').filter((name) => /^[A-Za-z][A-Za-z -]*$/.test(name)),
          );
          found.push(...english.map((name) => `${role.username} ${path}: English accessible name "${name}"`));
        }
        expect(found).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
