/**
 * Which notices leave the system and how addresses are shown. Official notices (from the bureaus' work: filings,
 * reminders, sanctions, training, study…) go to every channel of the recipient and cannot be unsubscribed; the
 * community's notices (forum, moderation, organisations) stay in-app, so a phone number is used only for official notices.
 */
export const NOTICE_CHANNELS = { in_app: '站内消息', sms: '短信', email: '电子邮件' } as const;
export type NoticeChannel = keyof typeof NOTICE_CHANNELS;

export const DELIVERY_STATUSES = { pending: '待发送', sent: '已发送', failed: '发送失败', capped: '超过每日上限未发' } as const;
export type DeliveryStatus = keyof typeof DELIVERY_STATUSES;

export function isOfficialNotice(kind: string): boolean {
  return !kind.startsWith('community.');
}

/** A mainland mobile number, the only kind of number an SMS goes to (spaces and dashes ignored, +86 dropped). */
export function smsNumber(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailAddress(email: string | null | undefined): string | null {
  const e = (email ?? '').trim();
  return e.length <= 254 && EMAIL.test(e) ? e.toLowerCase() : null;
}

/** How an address is shown in lists: 138****0000, z***@example.com. */
export function maskAddress(channel: NoticeChannel, address: string | null): string | null {
  if (!address) return null;
  if (channel === 'sms') return address.length === 11 ? `${address.slice(0, 3)}****${address.slice(7)}` : '****';
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
