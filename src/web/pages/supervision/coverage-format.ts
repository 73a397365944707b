export const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

export function projectionText(projection: string | null, hasTarget: boolean): string {
  if (!hasTarget) return '未设目标';
  if (projection === 'met') return '已达到目标';
  if (projection === null) return '按当前进度无法达到';
  const [y, m] = projection.split('-');
  return `按当前进度预计 ${y} 年 ${Number(m)} 月达到`;
}
