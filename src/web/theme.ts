import type { ThemeConfig } from 'antd';
import { prefersReducedMotion } from './components/reduced-motion';

/**
 * WCAG 2.1 AA contrast (1.4.3, at least 4.5:1): antd's secondary text (#8c8c8c, 3.36:1) and placeholders (1.83:1)
 * are darkened, and links take the navy of the buttons instead of a second, lighter blue (#1677ff, 4.1:1).
 *
 * Status colours too: antd's success, warning and error (#52c41a 2.3:1, #faad14 1.9:1, #ff4d4f 3.3:1 on white) colour
 * the text of status tags, danger buttons and form errors. They become the palette's darker steps; their light
 * backgrounds and borders are pinned to antd's own (derived from a dark seed they would turn grey). Preset tag
 * colours write their text in step 7 of their palette, too light for green, cyan, gold, orange, lime and volcano
 * (2.5–4.4:1 on their step-1 background): those take darker steps. Every pair is at least 4.7:1.
 */
function darkerStep7<K extends string>(colours: Record<K, string>): Record<`${K}7` | `${K}-7`, string> {
  const entries = Object.entries<string>(colours).flatMap(([key, value]) => [
    [`${key}7`, value],
    [`${key}-7`, value],
  ]);
  return Object.fromEntries(entries) as Record<`${K}7` | `${K}-7`, string>;
}

export const appTheme: ThemeConfig = {
  token: {
    // no transitions for a person who asked for less motion (components/reduced-motion.ts)
    motion: !prefersReducedMotion(),
    colorPrimary: '#1f4e9c',
    colorLink: '#1f4e9c',
    colorInfo: '#1f4e9c',
    // derived from the navy seed, info backgrounds (processing tags, info alerts) would be grey
    colorInfoBg: '#eef3fb',
    colorInfoBgHover: '#dde7f6',
    colorInfoBorder: '#b8c9e6',
    colorInfoBorderHover: '#8fa9d6',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',

    colorSuccess: '#237804',
    colorSuccessHover: '#389e0d',
    colorSuccessActive: '#135200',
    colorSuccessText: '#237804',
    colorSuccessTextHover: '#389e0d',
    colorSuccessTextActive: '#135200',
    colorSuccessBg: '#f6ffed',
    colorSuccessBgHover: '#d9f7be',
    colorSuccessBorder: '#b7eb8f',
    colorSuccessBorderHover: '#95de64',

    colorWarning: '#874d00',
    colorWarningHover: '#ad6800',
    colorWarningActive: '#613400',
    colorWarningText: '#874d00',
    colorWarningTextHover: '#ad6800',
    colorWarningTextActive: '#613400',
    colorWarningBg: '#fffbe6',
    colorWarningBgHover: '#fff1b8',
    colorWarningBorder: '#ffe58f',
    colorWarningBorderHover: '#ffd666',

    colorError: '#cf1322',
    colorErrorHover: '#e0282e',
    colorErrorActive: '#a8071a',
    colorErrorText: '#cf1322',
    colorErrorTextHover: '#e0282e',
    colorErrorTextActive: '#a8071a',
    colorErrorBg: '#fff2f0',
    colorErrorBgHover: '#fff1f0',
    colorErrorBgFilledHover: '#ffdfdc',
    colorErrorBgActive: '#ffccc7',
    colorErrorBorder: '#ffccc7',
    colorErrorBorderHover: '#ffa39e',

    // both spellings: with CSS variables `green7` and the legacy `green-7` write the same --ant-green-7
    ...darkerStep7({ green: '#237804', cyan: '#006d75', gold: '#874d00', orange: '#ad4e00', lime: '#3f6600', volcano: '#ad2102' }),

    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};
