// The web app's bundle budget, checked by `npm run build` (and so in CI): the JavaScript a browser must fetch before the
// login page, and before the officer's phone home, shows — the entry chunk, the page's own lazy chunk and everything
// they import statically — stays within its budget, gzipped. Reads Vite's manifest; prints the figures.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const web = path.resolve(import.meta.dirname, '../dist/web');
const manifest = JSON.parse(fs.readFileSync(path.join(web, '.vite/manifest.json'), 'utf8'));
/** The target for every first screen: 250 KB of JavaScript, gzipped. */
const TARGET_KB = 250;

/**
 * The screens that must be fast on a phone line: the manifest keys of the chunks they need first, and their budget.
 * The signed-in shell loads its menus (Menu, Drawer, Dropdown) and the bell's panel lazily (layout/ShellMenus.tsx,
 * layout/NotificationPopup.tsx), loads antd's <App> (message, Modal and the form code it pulls in) after the first
 * screen (layout/FeedbackProvider.tsx), draws the user's avatar without antd's Avatar (which brings Popover and
 * Tooltip), and the home page avoids antd's Card and Typography.
 */
const SCREENS = {
  登录页: { keys: ['index.html', 'pages/LoginPage.tsx'], budgetKb: TARGET_KB },
  证书核验页: { keys: ['index.html', 'pages/VerifyPage.tsx'], budgetKb: TARGET_KB },
  质量官手机首页: { keys: ['index.html', 'layout/AppLayout.tsx', 'pages/HomePage.tsx'], budgetKb: TARGET_KB },
};

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`bundle budget: ${key} is not in the Vite manifest (renamed? update scripts/bundle-budget.mjs)`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(web, file)), { level: 9 }).length / 1024;

let over = false;
for (const [screen, { keys, budgetKb }] of Object.entries(SCREENS)) {
  const files = closure(keys);
  const kb = files.reduce((sum, file) => sum + gzipKb(file), 0);
  const rawKb = files.reduce((sum, file) => sum + fs.statSync(path.join(web, file)).size / 1024, 0);
  const ok = kb <= budgetKb;
  over ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${screen}: ${files.length} JS files, ${rawKb.toFixed(0)} KB, ${kb.toFixed(0)} KB gzipped (budget ${budgetKb} KB${budgetKb > TARGET_KB ? `, target ${TARGET_KB} KB` : ''})`,
  );
}
if (over) {
  console.error('bundle budget exceeded: a heavy library reached a first-screen chunk; load it lazily in the page that needs it');
  process.exit(1);
}
