import { z } from 'zod';
import { emailAddress } from './notices';
import { phoneProblem } from './phone';

/**
 * The contact official notices go to (the contact page): an account holder's mobile and e-mail, an enterprise's
 * contact person, phone and e-mail. Phone numbers are used for official notices only.
 */

/** What the contact page says about phone numbers. */
export const PHONE_USE_NOTE = '手机号码仅用于接收审核结果、催办提醒等公务通知，不用于其他用途，也不会向第三方提供。';

const MOBILE = /^1[3-9]\d{9}$/;

/** An 11-digit mainland mobile (SMS goes to mobiles only); empty or null clears it. */
const mobile = z
  .string()
  .trim()
  .max(20, { error: '不超过 20 个字符' })
  .nullable()
  .transform((v, ctx) => {
    const digits = (v ?? '').replace(/[\s-]/g, '');
    if (!digits) return null;
    if (!MOBILE.test(digits)) {
      ctx.addIssue({ code: 'custom', message: '应为 11 位手机号码（短信只能发往手机）' });
      return z.NEVER;
    }
    return digits;
  });

/** A phone an enterprise is called at: a mobile or a landline with area code. */
const phone = z
  .string()
  .trim()
  .max(20, { error: '不超过 20 个字符' })
  .nullable()
  .transform((v, ctx) => {
    const value = (v ?? '').replace(/\s+/g, '');
    if (!value) return null;
    const problem = phoneProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem.replace(/^手机号码/, '') });
      return z.NEVER;
    }
    return value;
  });

const email = z
  .string()
  .trim()
  .max(254, { error: '不超过 254 个字符' })
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const address = emailAddress(v);
    if (!address) {
      ctx.addIssue({ code: 'custom', message: '格式不正确，应如 name@example.com' });
      return z.NEVER;
    }
    return address;
  });

export const accountContactInput = z.object({ phone: mobile.optional().meta({ title: '手机号码' }), email: email.optional().meta({ title: '电子邮箱' }) });
export type AccountContactInput = z.infer<typeof accountContactInput>;

export const enterpriseContactInput = z.object({
  contactPerson: z
    .string()
    .trim()
    .max(40, { error: '不超过 40 个字' })
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null))
    .meta({ title: '联系人' }),
  contactPhone: phone.optional().meta({ title: '联系电话' }),
  contactEmail: email.optional().meta({ title: '联系邮箱' }),
});
export type EnterpriseContactInput = z.infer<typeof enterpriseContactInput>;

/** Whether SMS can reach the number (a landline cannot). */
export const smsReachable = (value: string | null): boolean => MOBILE.test((value ?? '').replace(/[\s-]/g, ''));
