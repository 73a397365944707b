import { AppError, type FieldError } from '../errors';

/**
 * The one translation of database constraint violations into the error shape: a unique violation (23505) or an
 * exclusion violation (23P01) answers 409 CONFLICT, a serialization failure or deadlock (40001, 40P01) 409 too
 * (the client retries); never 500. Both `pg` and PGlite errors carry `code` and `constraint`.
 */
interface DatabaseErrorLike {
  code?: unknown;
  constraint?: unknown;
}

/** Chinese messages for the unique constraints whose meaning a user can act on; the rest get the default. */
const UNIQUE_MESSAGES: Record<string, { message: string; field?: string }> = {
  enterprises_uscc_key: { message: '该统一社会信用代码已在企业名录中', field: 'uscc' },
  enterprise_registrations_pending: { message: '该统一社会信用代码已有待确认的注册申请', field: 'uscc' },
  enterprise_change_requests_pending: { message: '已有一份待确认的变更申请，请等待主管局处理' },
  filings_one_open: { message: '本企业已有一份办理中的备案，请先完成或撤回' },
  filings_one_active: { message: '该企业已有另一份备案同时获批，请刷新后重试' },
  persons_id_number_hash_key: { message: '该人员信息正在登记，请稍后重试' },
  persons_account_id_key: { message: '该账户已关联人员信息' },
  accounts_username_lower: { message: '该用户名已被使用', field: 'username' },
  org_units_code_key: { message: '该单位代码已存在', field: 'code' },
  community_organisations_name_key: { message: '同名组织已存在', field: 'name' },
  community_sensitive_words_unique: { message: '该敏感词已在词库中', field: 'word' },
  training_plans_org_unit_id_tier_year_key: { message: '本单位该年度该层级的培训计划已存在', field: 'year' },
  training_curricula_org_unit_id_tier_key: { message: '本单位该层级的课程体系已存在', field: 'tier' },
  training_enrolments_class_id_person_id_key: { message: '已报名该培训班，请勿重复报名' },
  community_event_registrations_event_id_person_id_key: { message: '已报名该活动，请勿重复报名' },
  community_members_organisation_id_account_id_key: { message: '该账户已是本组织成员' },
  community_reports_post_id_reporter_account_id_key: { message: '您已举报过该帖子' },
  sanction_appeals_one_pending: { message: '已有一份申诉正在处理' },
  expert_pool_members_person_id_key: { message: '该人员已在专家库中' },
  competitive_selections_one_open: { message: '本企业已有一项进行中的竞争聘用，请先完成或取消' },
  selection_candidates_pkey: { message: '该人员已是本次竞争聘用的候选人', field: 'personId' },
  expert_draws_batch_position_key: { message: '其他用户正在同时递补，请刷新后重试' },
};

export const DEFAULT_UNIQUE_MESSAGE = '记录已存在，请勿重复提交';

/** The AppError for a constraint violation, or undefined when the error is something else. */
export function constraintError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as DatabaseErrorLike;
  if (code === '23505' || code === '23P01') {
    const known = typeof constraint === 'string' ? UNIQUE_MESSAGES[constraint] : undefined;
    const message = known?.message ?? DEFAULT_UNIQUE_MESSAGE;
    const fields: FieldError[] | undefined = known?.field ? [{ path: known.field, message }] : undefined;
    return new AppError(409, 'CONFLICT', message, fields);
  }
  if (code === '40001' || code === '40P01') return new AppError(409, 'CONFLICT', '其他用户正在同时修改该记录，请稍后重试');
  return undefined;
}
