import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('training plans, 合并至市级, curricula and materials', () => {
  it('a county files a plan through the editor, the city returns it with a remark and sees the overview', async () => {
    const county = await newPage(browser);
    const city = await newPage(browser);
    try {
      await signIn(county.page, 'kunshan');
      await county.page.waitForURL((u) => u.pathname === '/');
      // next year's demo draft: open it from the list, add a class, save and submit
      await county.page.goto(`/training-plans?year=${new Date().getFullYear() + 1}`);
      await county.page.getByRole('link', { name: /昆山市首席质量官基础培训计划/ }).click();
      await county.page.getByRole('button', { name: /添加班次/ }).click();
      await county.page.getByLabel('预算（元）').last().fill('20000');
      await screenshot(county.page, 'training-plan-editor');
      await county.page.getByRole('button', { name: /报送上级/ }).click();
      await county.page.getByRole('dialog').getByRole('button', { name: '确认报送' }).click();
      await county.page.getByText('已报送').first().waitFor();
      const planUrl = county.page.url();

      await signIn(city.page, 'suzhou');
      await city.page.waitForURL((u) => u.pathname === '/');
      await city.page.goto(new URL(planUrl).pathname);
      await city.page.getByRole('button', { name: /退回修改/ }).click();
      await city.page.getByRole('dialog').getByRole('textbox').fill('请补充第二期的经费说明');
      await city.page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await city.page.getByText('请补充第二期的经费说明').first().waitFor();
      await screenshot(city.page, 'training-plan-returned');

      await city.page.goto('/training-plans?tab=overview');
      await city.page.getByText('由市局覆盖').first().waitFor();
      await screenshot(city.page, 'training-plans-overview');
      await city.page.goto('/training-merges');
      await city.page.getByText('吴中区').waitFor();
      await screenshot(city.page, 'training-merges');

      // the county sees the return on its own page
      await county.page.reload();
      await county.page.getByText('计划被退回修改').waitFor();
    } finally {
      await county.context.close();
      await city.context.close();
    }
  });

  it('an officer reads the curricula of its city and the province on a phone and downloads a material', async () => {
    const officer = await newPage(browser, { width: 375, height: 780 });
    try {
      await signIn(officer.page, 'officer-kunshan-1', undefined, false);
      await officer.page.waitForURL((u) => u.pathname === '/');
      await officer.page.goto('/training-curricula');
      await officer.page.getByText('苏州市首席质量官基础培训课程体系').waitFor();
      await screenshot(officer.page, 'training-curricula-mobile');
      await officer.page.getByText('苏州市首席质量官基础培训课程体系').click();
      await officer.page.getByText('质量法律法规与政策').first().waitFor();
      const materials = await officer.page.request.get('/api/training-materials');
      expect(materials.status()).toBe(200);
      const list = (await materials.json()) as { id: number; orgUnitName: string }[];
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((m) => ['苏州市', '江苏省'].includes(m.orgUnitName))).toBe(true);
      const file = await officer.page.request.get(`/api/training-materials/${list[0]?.id ?? 0}/download`);
      expect(file.status()).toBe(200);
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await screenshot(officer.page, 'training-curriculum-mobile');
    } finally {
      await officer.context.close();
    }
  });
});
