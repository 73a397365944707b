import type { Plugin } from 'vite';

/**
 * Accessible names in Chinese (WCAG 4.1.2, issue 21 item 7), fixed where dependencies hard-code English:
 * - every @ant-design/icons icon is `role="img"` named after its file (`aria-label="edit"`), so screen readers read
 *   "edit 编辑", "user", "delete"; icons become decorative (aria-hidden) unless the caller names one with aria-label,
 *   and an icon-only button carries its Chinese name itself (axe's button-name rule fails a nameless one in e2e);
 * - antd's icon-only buttons of its own: pagination 上一页/下一页, the search box's 搜索 button;
 * - English names: InputNumber's "Increase Value" / "Decrease Value", a table's "Select all", Segmented's
 *   "segmented control";
 * - a table's hidden measuring row (aria-hidden) repeats the column titles, so the select-all checkbox of a table
 *   with row selection is focusable inside aria-hidden (axe: aria-hidden-focus); the row's cells become inert.
 * The build fails when a dependency update moves the code replaced, so the fix is never lost silently.
 */
const PATCHES: { file: RegExp; edits: [from: string, to: string][] }[] = [
  {
    file: /@ant-design[\\/]icons[\\/]es[\\/]components[\\/]AntdIcon(Light)?\.js$/,
    edits: [
      [
        'role: "img",\n    "aria-label": icon.name\n  }, restProps',
        'role: "img",\n    "aria-hidden": restProps["aria-label"] === undefined && restProps["aria-labelledby"] === undefined ? "true" : undefined\n  }, restProps',
      ],
    ],
  },
  {
    file: /@rc-component[\\/]input-number[\\/]es[\\/]StepHandler\.js$/,
    edits: [["isUpAction ? 'Increase Value' : 'Decrease Value'", "isUpAction ? '增加数值' : '减少数值'"]],
  },
  {
    file: /@rc-component[\\/]table[\\/]es[\\/]Body[\\/]MeasureCell\.js$/,
    edits: [['React.createElement("div", {\n    style: {\n      height: 0,', 'React.createElement("div", {\n    inert: true,\n    style: {\n      height: 0,']],
  },
  {
    file: /antd[\\/]es[\\/]pagination[\\/]Pagination\.js$/,
    edits: [
      [
        'const prevIcon = /*#__PURE__*/React.createElement("button", {\n',
        'const prevIcon = /*#__PURE__*/React.createElement("button", {\n      "aria-label": "上一页",\n',
      ],
      [
        'const nextIcon = /*#__PURE__*/React.createElement("button", {\n',
        'const nextIcon = /*#__PURE__*/React.createElement("button", {\n      "aria-label": "下一页",\n',
      ],
    ],
  },
  {
    file: /antd[\\/]es[\\/]input[\\/]Search\.js$/,
    edits: [['      icon: searchIcon,\n', '      icon: searchIcon,\n      "aria-label": typeof enterButton === "boolean" ? "搜索" : undefined,\n']],
  },
  {
    file: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/,
    edits: [["customizeSelections ? 'Custom selection' : 'Select all'", "customizeSelections ? '自定义选择' : '全选'"]],
  },
  {
    file: /@rc-component[\\/]segmented[\\/]es[\\/]index\.js$/,
    edits: [['"aria-label": "segmented control"', '"aria-label": "选项"']],
  },
];

/** The transform, shared by the build (Vite plugin) and the dev server's dependency pre-bundling (Rolldown plugin). */
export function patchAccessibleNames(code: string, id: string): string | null {
  const patch = PATCHES.find((p) => p.file.test(id.split('?')[0] ?? id));
  if (!patch) return null;
  let patched = code;
  for (const [from, to] of patch.edits) {
    if (!patched.includes(from)) throw new Error(`accessible-names: ${id} changed; update scripts/vite-accessible-names.ts`);
    patched = patched.replace(from, to);
  }
  return patched;
}

export const accessibleNames = (): Plugin => ({
  name: 'accessible-names',
  enforce: 'pre',
  transform(code, id) {
    const patched = patchAccessibleNames(code, id);
    return patched === null ? null : { code: patched, map: null };
  },
});
