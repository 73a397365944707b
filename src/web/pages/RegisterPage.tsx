import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Col, Collapse, Form, Input, Result, Row, Spin, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { parseUscc } from '../../domain/uscc';
import { api } from '../api/client';
import { IdpOnlyRegistration } from '../auth/IdpOnlyRegistration';
import { useLoginOptions } from '../auth/login-options';
import { useSite } from '../auth/session';
import { ENTERPRISE_UNIT_KINDS, normalizeUscc, phoneRule, usccRule } from '../components/enterprise-dict';
import { applyServerErrors } from '../components/form-errors';
import { NewAccountFields } from '../components/NewAccountFields';
import { clientPolicy } from '../components/password-policy';
import { publicUnitTree, usePublicOrgUnits } from '../components/public-org-units';
import { ClassificationFields, classificationBody, CLASSIFICATION_FIELDS, type ClassificationValues } from './enterprises/ClassificationFields';
import './enterprises/enterprises.css';
import type { RegistrationSubmitted } from '../api/enterprise-types';

interface Values extends ClassificationValues {
  uscc: string;
  name: string;
  orgUnitId: number;
  contactPerson: string;
  contactPhone: string;
  username: string;
  password: string;
  confirmPassword: string;
  address?: string;
}

const FIELDS = ['uscc', 'name', 'orgUnitId', 'contactPerson', 'contactPhone', 'username', 'password', 'address', ...CLASSIFICATION_FIELDS] as const;

interface Submitted {
  unitName: string;
  username: string;
}

/** 企业注册 (public): an enterprise applies for its account; the chosen bureau confirms or refuses it. */
export default function RegisterPage() {
  const site = useSite();
  const navigate = useNavigate();
  const policy = clientPolicy(site.data);
  const units = usePublicOrgUnits();
  const loginOptions = useLoginOptions();
  const idp = loginOptions.data?.idp ?? null;
  const idpOnly = idp !== null && Boolean(loginOptions.data?.idpRequiredForRoles.includes('enterprise'));
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const treeData = useMemo(() => publicUnitTree(units.data ?? [], ENTERPRISE_UNIT_KINDS), [units.data]);
  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';

  useEffect(() => {
    document.title = `企业注册 - ${siteTitle}`;
  }, [siteTitle]);

  const uscc = Form.useWatch('uscc', form);
  const parsed = uscc ? parseUscc(uscc) : null;

  const register = useMutation({
    mutationFn: (v: Values) => {
      const address = v.address?.trim();
      return api.post<RegistrationSubmitted>('/api/public/enterprise-registrations', {
        uscc: v.uscc,
        name: v.name.trim(),
        orgUnitId: v.orgUnitId,
        contactPerson: v.contactPerson.trim(),
        contactPhone: v.contactPhone.trim(),
        username: v.username.trim(),
        password: v.password,
        ...classificationBody(v),
        ...(address ? { address } : {}),
      });
    },
    onSuccess: (_answer, v) => {
      setSubmitted({ unitName: units.data?.find((u) => u.id === v.orgUnitId)?.name ?? '主管', username: v.username.trim() });
      window.scrollTo(0, 0);
    },
    onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
  });

  return (
    <div className="login-page">
      <main className="login-main register-main">
        <header className="login-header">
          <div className="login-emblem" aria-hidden>
            质
          </div>
          <h1 className="login-title">{siteTitle}</h1>
        </header>
        <section className="login-card" aria-label="企业注册">
          {loginOptions.isPending ? (
            <div className="page-spin">
              <Spin />
            </div>
          ) : idpOnly && idp ? (
            <IdpOnlyRegistration idp={idp} who="企业" />
          ) : submitted ? (
            <Result
              status="success"
              title="注册申请已提交"
              subTitle={
                <>
                  <p>
                    请等待<strong>{submitted.unitName}市场监管局</strong>确认。 主管局将通过企业登记的联系方式核实申请，确认后账户即与企业名录信息关联。
                  </p>
                  <p>确认前可用账户 {submitted.username} 登录查看审核进度；确认后即可维护本企业信息、办理首席质量官聘任备案。</p>
                </>
              }
              extra={
                <Button type="primary" onClick={() => void navigate('/login')}>
                  去登录
                </Button>
              }
            />
          ) : (
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={(v) => {
                setFormError(null);
                register.mutate(v);
              }}
              onValuesChange={() => setFormError(null)}
              scrollToFirstError
              initialValues={{ aboveScale: false }}
            >
              <h2 className="login-card-title">企业注册</h2>
              <p className="login-hint">注册后由企业所在地的市场监管局确认。每家企业只能注册一个账户。</p>
              {formError ? <Alert className="form-alert" type="error" showIcon title={formError} role="alert" /> : null}
              <h3 className="form-section-title">企业信息</h3>
              <Form.Item
                label="统一社会信用代码"
                name="uscc"
                normalize={normalizeUscc}
                validateFirst
                rules={[{ required: true, message: '请输入统一社会信用代码' }, usccRule]}
                extra={parsed?.ok ? `${parsed.value.authority}登记 · ${parsed.value.type}` : '见营业执照，18 位'}
              >
                <Input maxLength={18} className="mono" autoComplete="off" spellCheck={false} placeholder="18 位统一社会信用代码" />
              </Form.Item>
              <Form.Item
                label="企业名称"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请输入企业名称' },
                  { min: 2, message: '企业名称至少 2 个字' },
                ]}
              >
                <Input maxLength={100} placeholder="与营业执照一致" autoComplete="organization" />
              </Form.Item>
              <Form.Item
                label="主管市场监管局"
                name="orgUnitId"
                rules={[{ required: true, message: '请选择企业所在地的市场监管局' }]}
                extra="企业所在的县（市、区）或开发区/园区市场监管局，可输入名称搜索"
              >
                <TreeSelect<number>
                  placeholder="请选择"
                  treeData={treeData}
                  loading={units.isPending}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandedKeys={treeData.map((n) => n.value)}
                  listHeight={320}
                />
              </Form.Item>
              <h3 className="form-section-title">联系人</h3>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label="联系人姓名"
                    name="contactPerson"
                    rules={[
                      { required: true, whitespace: true, message: '请输入联系人姓名' },
                      { min: 2, message: '至少 2 个字' },
                    ]}
                  >
                    <Input maxLength={40} autoComplete="name" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label="联系电话" name="contactPhone" rules={[{ required: true, whitespace: true, message: '请输入联系电话' }, phoneRule]}>
                    <Input maxLength={20} inputMode="tel" autoComplete="tel" placeholder="手机或带区号的固定电话" />
                  </Form.Item>
                </Col>
              </Row>
              <h3 className="form-section-title">登录账户</h3>
              <NewAccountFields policy={policy} />
              <Collapse
                className="register-optional"
                size="small"
                items={[
                  {
                    key: 'classification',
                    label: '企业分类（选填，也可由主管局确认时补充）',
                    forceRender: true,
                    children: (
                      <Row gutter={12}>
                        <ClassificationFields required={false} md={24} />
                        <Col span={24}>
                          <Form.Item label="注册地址" name="address">
                            <Input maxLength={200} placeholder="选填" />
                          </Form.Item>
                        </Col>
                      </Row>
                    ),
                  },
                ]}
              />
              <Button type="primary" htmlType="submit" block size="large" loading={register.isPending}>
                提交注册
              </Button>
              <p className="login-register">
                已有账户？<Link to="/login">返回登录</Link>
              </p>
            </Form>
          )}
        </section>
      </main>
    </div>
  );
}
