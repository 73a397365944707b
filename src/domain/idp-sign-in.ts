/**
 * Sign-in through the provincial identity provider (政务服务网): the reasons a sign-in is refused and what the login
 * page says for each. The callback redirects to `/login?idpError=<reason>`; the page shows the message, so no text
 * from the address bar is ever displayed.
 */
export const IDP_LOGIN_LABEL = '政务服务网登录';

export const IDP_REFUSALS = {
  IDP_STATE: '登录请求已失效或不匹配（state 校验失败），请重新登录',
  IDP_NONCE: '身份凭证与本次登录请求不符（nonce 校验失败），请重新登录',
  IDP_ISSUER: '身份凭证的签发方不是已配置的政务服务网，已拒绝',
  IDP_AUDIENCE: '身份凭证不是签发给本系统的，已拒绝',
  IDP_EXPIRED: '身份凭证已过期，请重新登录',
  IDP_DENIED: '您在政务服务网取消了授权',
  IDP_FAILED: '政务服务网身份校验未通过，请重新登录',
  IDP_UNAVAILABLE: '暂时无法连接政务服务网，请稍后再试',
  MISSING_CLAIM: '政务服务网未返回姓名、身份证号或统一社会信用代码等必要信息，无法登录',
  BAD_ID_NUMBER: '政务服务网返回的身份证号无效，无法登录',
  BAD_USCC: '政务服务网返回的统一社会信用代码无效，无法登录',
  LOCAL_ONLY_ROLE: '管理员和监管部门账户不能通过政务服务网登录，请使用本地账户和动态验证码登录',
  ACCOUNT_DISABLED: '账户已停用，请联系管理员',
  CONFLICT: '该身份已关联其他账户，请联系主管市场监管局',
} as const;

export type IdpRefusal = keyof typeof IDP_REFUSALS;

export const idpRefusalMessage = (reason: string | null | undefined): string | null =>
  reason ? (IDP_REFUSALS[reason as IdpRefusal] ?? IDP_REFUSALS.IDP_FAILED) : null;

/** The message of a local password login refused because the role must use the identity provider. */
export const IDP_REQUIRED_MESSAGE = `企业和首席质量官账户须通过“${IDP_LOGIN_LABEL}”登录，不能使用本地密码登录`;

/** The answer to a self-registration (enterprise or officer) while the identity provider is required. */
export const IDP_REGISTRATION_MESSAGE = `企业和首席质量官账户须通过“${IDP_LOGIN_LABEL}”实名认证开通，不能自行注册本地账户`;
