import type { z } from 'zod';
import type { fileJobResultSchema } from '../../../contract/admin';
import { emailAddress, smsNumber } from '../../../domain/notices';
import { minutesToStudyHours } from '../../../domain/study-hours';
import { recordAudit } from '../../audit/audit-log';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { writeXlsxFile, type ColumnDef } from '../../excel/workbook';
import type { JobContext } from '../../jobs/runner';
import { bureauName, chineseDate } from '../certificates/pdf';
import { outsideChannels } from '../notifications/outbox';
import { filterOf, type WorklistJobParams } from './jobs';
import { writeNoticeLettersPdf, type NoticeLetter } from './notice-letter-pdf';
import { expectedMinutes, overdueQuery, studyBehindQuery, uncoveredQuery, WORKLIST_KINDS } from './worklists';

export const COVERAGE_NOTICE_LETTERS = 'coverage.notice-letters';

export interface NoticeLetterParams extends WorklistJobParams {
  format: 'pdf' | 'xlsx';
  /** Only the enterprises no channel reaches (no active account, no usable phone or e-mail for a configured channel). */
  unreachedOnly: boolean;
  deadline: string;
  contact: { name: string; phone: string };
}

/** One enterprise of a worklist with what it lacks and how it can be reached. */
export interface ContactRow {
  key: number;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  orgUnitName: string;
  contactPerson: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  accounts: number;
  reached: string;
  missing: string;
  /** Who the letter is addressed to: the enterprise, or (overdue reviews) the bureau that must decide. */
  addressee: string;
  text: string;
}

export const CONTACT_COLUMNS: readonly ColumnDef<ContactRow>[] = [
  { header: '企业名称', key: 'enterprise', width: 36, value: (r) => r.enterpriseName },
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc },
  { header: '所属单位', key: 'unit', width: 14, value: (r) => r.orgUnitName },
  { header: '联系人', key: 'contact', width: 12, value: (r) => r.contactPerson },
  { header: '联系电话', key: 'phone', width: 16, value: (r) => r.contactPhone },
  { header: '电子邮箱', key: 'email', width: 24, value: (r) => r.contactEmail },
  { header: '系统账户数', key: 'accounts', width: 10, value: (r) => r.accounts },
  { header: '可送达渠道', key: 'reached', width: 18, value: (r) => r.reached },
  { header: '待办事项', key: 'missing', width: 40, value: (r) => r.missing },
];

const CHUNK = 200;

interface Base {
  key: number;
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  org_unit_name: string;
}

/** The worklist's rows after `after`, as (key, enterprise, what is missing, addressee, text). */
async function chunkOf(db: Database, p: NoticeLetterParams, ctx: AppContext, after: number): Promise<{ rows: (Base & { missing: string; addressee: string; text: string })[]; last: number | undefined }> {
  const filter = await filterOf(ctx, p.filter);
  const deadline = chineseDate(p.deadline);
  const site = ctx.config.publicUrl;
  if (p.kind === 'uncovered') {
    const rows = await uncoveredQuery(db, p.caller, filter).where('e.id', '>', after).orderBy('e.id').limit(CHUNK).execute();
    return {
      last: rows.at(-1)?.id,
      rows: rows.map((r) => ({
        key: r.id,
        enterprise_id: r.id,
        enterprise_name: r.name,
        uscc: r.uscc,
        org_unit_name: r.org_unit_name,
        missing: '未聘任首席质量官，未办理聘任备案',
        addressee: r.name,
        text: `按照《江苏省企业首席质量官制度》的要求，贵企业尚未聘任首席质量官并办理聘任备案。请于${deadline}前完成首席质量官的聘任，并通过江苏省企业首席质量官信息管理系统（${site}）向主管市场监督管理部门提交聘任备案。`,
      })),
    };
  }
  if (p.kind === 'overdue') {
    const rows = await overdueQuery(db, p.caller, filter).where('fl.id', '>', after).orderBy('fl.id').limit(CHUNK).execute();
    return {
      last: rows.at(-1)?.id,
      rows: rows.map((r) => ({
        key: r.id,
        enterprise_id: r.enterprise_id,
        enterprise_name: r.enterprise_name,
        uscc: r.uscc,
        org_unit_name: r.org_unit_name,
        missing: `聘任备案（拟任 ${r.person_name}，第 ${r.round} 轮）审核期限 ${r.review_deadline ?? ''}，已逾期 ${r.days_overdue} 天`,
        addressee: bureauName(r.org_unit_name),
        text: `贵局受理的${r.enterprise_name}首席质量官聘任备案（拟任 ${r.person_name}）已超过审核期限 ${r.days_overdue} 天。请于${deadline}前办结审核，并在系统中作出决定。`,
      })),
    };
  }
  const settings = await ctx.settings.studySettings();
  const expected = expectedMinutes(settings, filter.year);
  const rows = await studyBehindQuery(db, p.caller, filter, expected).where('fl.id', '>', after).orderBy('fl.id').limit(CHUNK).execute();
  const h = (m: number) => minutesToStudyHours(m, settings.minutesPerHour);
  return {
    last: rows.at(-1)?.filing_id,
    rows: rows.map((r) => ({
      key: r.filing_id,
      enterprise_id: r.enterprise_id,
      enterprise_name: r.enterprise_name,
      uscc: '',
      org_unit_name: r.org_unit_name,
      missing: `首席质量官 ${r.person_name} ${filter.year} 年度已获 ${h(r.minutes)} 学时，按进度应有 ${h(expected)} 学时`,
      addressee: r.enterprise_name,
      text: `贵企业首席质量官 ${r.person_name} ${filter.year} 年度已获 ${h(r.minutes)} 学时，低于按进度应有的 ${h(expected)} 学时。请督促其于${deadline}前通过在线自学、参加培训等方式补足学时。`,
    })),
  };
}

/** Contacts and accounts of a chunk's enterprises, and whether any configured channel reaches them. */
async function withContacts(db: Database, rows: Awaited<ReturnType<typeof chunkOf>>['rows']): Promise<ContactRow[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.enterprise_id))];
  const enterprises = await db.selectFrom('enterprises').select(['id', 'uscc', 'contact_person', 'contact_phone', 'contact_email']).where('id', 'in', ids).execute();
  const accounts = await db.selectFrom('accounts').select(['enterprise_id', (eb) => eb.fn.countAll<number>().as('n')]).where('enterprise_id', 'in', ids).where('status', '=', 'active').groupBy('enterprise_id').execute();
  const channels = outsideChannels();
  return rows.map((r) => {
    const e = enterprises.find((x) => x.id === r.enterprise_id);
    const n = Number(accounts.find((a) => a.enterprise_id === r.enterprise_id)?.n ?? 0);
    const reached = [n > 0 ? '站内消息' : null, channels.sms && smsNumber(e?.contact_phone) ? '短信' : null, channels.email && emailAddress(e?.contact_email) ? '电子邮件' : null].filter(Boolean).join('、');
    return {
      key: r.key,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      uscc: r.uscc || (e?.uscc ?? ''),
      orgUnitName: r.org_unit_name,
      contactPerson: e?.contact_person ?? null,
      contactPhone: e?.contact_phone ?? null,
      contactEmail: e?.contact_email ?? null,
      accounts: n,
      reached: reached || '无',
      missing: r.missing,
      addressee: r.addressee,
      text: r.text,
    };
  });
}

/** Writes the worklist's 催办通知书 (PDF, one page per row) or its contact list (Excel) to the file store. */
export function noticeLettersHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const p = job.params as unknown as NoticeLetterParams;
    const unit = await ctx.db.selectFrom('org_units').select(['name', 'code']).where('id', '=', p.caller.orgUnitId).executeTakeFirstOrThrow();
    const bureau = bureauName(unit.name);
    const today = clock.today();
    const pages: AsyncIterable<ContactRow[]> = {
      async *[Symbol.asyncIterator]() {
        let after = 0;
        for (;;) {
          const { rows, last } = await chunkOf(ctx.dbRead, p, ctx, after);
          const contacts = (await withContacts(ctx.dbRead, rows)).filter((r) => !p.unreachedOnly || r.reached === '无');
          if (contacts.length > 0) yield contacts;
          if (last === undefined || rows.length < CHUNK) return;
          after = last;
        }
      },
    };
    const progress = (n: number) => job.step(() => Promise.resolve({ done: n, checkpoint: null }));
    let seq = 0;
    const letters: AsyncIterable<NoticeLetter[]> = {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of pages) {
          yield chunk.map((r) => ({
            serial: `${unit.code}-${today.replaceAll('-', '')}-${String(job.job.id)}-${String((seq += 1)).padStart(4, '0')}`,
            addressee: r.addressee,
            text: r.text,
            particulars: [
              ['企业名称', r.enterpriseName],
              ['统一社会信用代码', r.uscc],
              ['所属单位', r.orgUnitName],
              ['待办事项', r.missing],
              ['办理期限', chineseDate(p.deadline)],
              ['联系方式', `${bureau} ${p.contact.name} ${p.contact.phone}`.trim()],
            ],
          }));
        }
      },
    };
    const { key, result: rows } = await ctx.files.write('exports', p.format, (path) =>
      p.format === 'pdf' ? writeNoticeLettersPdf(path, { bureau, date: today, letters }, progress) : writeXlsxFile(path, '催办联系名单', CONTACT_COLUMNS, pages, progress),
    );
    const fileName = `${WORKLIST_KINDS[p.kind]}-${p.format === 'pdf' ? '催办通知书' : '联系名单'}-${today}.${p.format}`;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('jobs').set({ result_file: key, progress_done: rows, progress_total: rows }).where('id', '=', job.job.id).execute();
      await recordAudit(trx, p.actor, { action: 'coverage.notice_letters', targetType: 'job', targetId: job.job.id, details: { kind: p.kind, format: p.format, unreachedOnly: p.unreachedOnly, rows, filter: { ...p.filter } } });
    });
    return { rows, fileName } satisfies z.infer<typeof fileJobResultSchema>;
  };
}
