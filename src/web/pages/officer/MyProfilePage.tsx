import { DownloadOutlined, EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Tag, Typography, type FormRule } from 'antd';
import { useEffect, useState } from 'react';
import { CERTIFICATE_KINDS, CERTIFICATE_STATUSES } from '../../../domain/certificates';
import { phoneProblem } from '../../../domain/phone';
import { ApiError, api } from '../../api/client';
import { EDUCATION_OPTIONS, endKindLabel, genderLabel, POSITION_OPTIONS } from '../../components/filing-dict';
import { formatDate } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { QualificationsCard } from './QualificationsCard';
import { IdentityPending } from './IdentityPending';
import type { OfficerCertificate, OfficerFiling, OfficerPerson, OfficerProfile, OfficerProfileInput } from './types';
import './officer.css';
import type { Ok } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

const PROFILE_KEY = queryKeys.officer.profile;

interface Values {
  phone?: string;
  education?: OfficerProfileInput['education'];
  qualityYears?: number | null;
  positionTitle?: string;
  positionLevel?: OfficerProfileInput['positionLevel'];
}

const phoneRule: FormRule = {
  validator: (_r, v: string | undefined) => {
    const problem = v?.trim() ? phoneProblem(v) : null;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

const CERTIFICATE_STATUS_COLORS: Record<OfficerCertificate['status'], string> = { valid: 'success', ended: 'default', revoked: 'error' };

/** 我的档案 for an officer account: own facts (the whole ID number on request), titles, appointments and certificates. */
export default function MyProfilePage() {
  const profile = useQuery({ queryKey: PROFILE_KEY, queryFn: () => api.get<OfficerProfile>('/api/officers/me') });

  // not linked to a person yet (404): the identity's status instead
  if (profile.error instanceof ApiError && profile.error.status === 404) return <IdentityPending />;
  if (!profile.data) return <RecordPending query={profile} what="我的档案" />;
  const { person, filings, certificates } = profile.data;
  return (
    <div className="page">
      <PageHeader title="我的档案" description="请保持信息准确：企业办理聘任备案、主管局审核时使用这些信息。" />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <PersonCard person={person} />
          <ProfileForm person={person} />
          <QualificationsCard subjectPath={`/api/persons/${String(person.id)}`} />
        </Col>
        <Col xs={24} lg={10}>
          <FilingsCard filings={filings} />
          <CertificatesCard certificates={certificates} />
        </Col>
      </Row>
    </div>
  );
}

function PersonCard({ person: p }: { person: OfficerPerson }) {
  const [showId, setShowId] = useState(false);
  return (
    <Card size="small" className="block-card" title="本人信息">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: '姓名', children: p.name },
          { key: 'gender', label: '性别', children: p.gender ? genderLabel(p.gender) : '—' },
          {
            key: 'idNumber',
            label: '居民身份证号',
            span: { xs: 1, md: 2 },
            children: (
              <span className="officer-id-line">
                <span className="mono">{showId ? p.idNumber : p.idNumberMasked}</span>
                <Button
                  type="link"
                  size="small"
                  icon={showId ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                  onClick={() => setShowId((v) => !v)}
                  aria-pressed={showId}
                  aria-label={showId ? '隐藏完整身份证号' : '显示完整身份证号'}
                >
                  {showId ? '隐藏' : '显示'}
                </Button>
              </span>
            ),
          },
          { key: 'birthDate', label: '出生日期', children: p.birthDate ?? '—' },
        ]}
      />
      <Typography.Paragraph type="secondary" className="officer-footnote">
        姓名、身份证号不能自行修改；如有错误，请联系为您办理备案的企业或主管市场监管局。
      </Typography.Paragraph>
    </Card>
  );
}

function ProfileForm({ person: p }: { person: OfficerPerson }) {
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      phone: p.phone ?? '',
      education: p.education ?? undefined,
      qualityYears: p.qualityYears,
      positionTitle: p.positionTitle ?? '',
      positionLevel: p.positionLevel ?? undefined,
    });
  }, [p, form]);

  const save = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const body: OfficerProfileInput = {
        phone: v.phone?.trim() || null,
        education: v.education as OfficerProfileInput['education'],
        qualityYears: v.qualityYears ?? 0,
        positionTitle: (v.positionTitle ?? '').trim(),
        positionLevel: v.positionLevel as OfficerProfileInput['positionLevel'],
      };
      return api.put<Ok>('/api/officers/me', body);
    },
    success: '已保存',
    invalidate: [PROFILE_KEY],
  });

  const incomplete = !p.education || p.qualityYears === null || !p.positionTitle || !p.positionLevel;

  return (
    <Card size="small" className="block-card" title="学历与职务">
      {incomplete ? (
        <Alert className="form-alert" type="warning" showIcon title="请完善学历、质量管理工作年限和职务，企业办理聘任备案时据此审查任职条件。" />
      ) : null}
      <FormError error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} onValuesChange={save.clearError} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="手机号码" name="phone" rules={[phoneRule]}>
              <Input maxLength={20} inputMode="tel" autoComplete="tel" placeholder="11 位手机号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="最高学历" name="education" rules={[{ required: true, message: '请选择最高学历' }]}>
              <Select options={EDUCATION_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="质量管理工作年限" name="qualityYears" rules={[{ required: true, message: '请填写质量管理工作年限' }]}>
              <InputNumber min={0} max={60} precision={0} inputMode="numeric" suffix="年" className="full-width" placeholder="0～60" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="职务层级" name="positionLevel" rules={[{ required: true, message: '请选择职务层级' }]}>
              <Select options={POSITION_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label="现任职务"
              name="positionTitle"
              rules={[
                { required: true, whitespace: true, message: '请填写现任职务' },
                { min: 2, message: '至少 2 个字' },
              ]}
            >
              <Input maxLength={40} placeholder="如：质量副总经理" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} className="officer-save-button">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function FilingsCard({ filings }: { filings: OfficerFiling[] }) {
  return (
    <Card size="small" className="block-card" title="任职记录">
      {filings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无任职记录。企业为您办理的聘任备案通过后显示在这里。" />
      ) : (
        <ul className="officer-list">
          {filings.map((f) => (
            <li key={f.id} className="officer-list-item">
              <div className="officer-list-main">
                <div className="officer-list-title">
                  <span>{f.enterpriseName}</span>
                  {f.status === 'active' ? <Tag color="success">在任</Tag> : <Tag>已结束</Tag>}
                </div>
                <div className="officer-list-meta">
                  主管单位：{f.orgUnitName} · 聘任日期：{f.appointmentDate ?? '—'}
                </div>
                {f.status === 'ended' ? (
                  <div className="officer-list-meta">
                    结束：{formatDate(f.endedAt)}
                    {f.endKind ? `（${endKindLabel(f.endKind)}）` : ''}
                  </div>
                ) : null}
              </div>
              <Button size="small" icon={<DownloadOutlined />} href={`/api/filings/${f.id}/proof.pdf`}>
                备案证明
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function CertificatesCard({ certificates }: { certificates: OfficerCertificate[] }) {
  return (
    <Card size="small" className="block-card" title="我的证书">
      {certificates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无证书。聘任备案通过后发放备案证明。" />
      ) : (
        <ul className="officer-list">
          {certificates.map((c) => (
            <li key={c.serial} className="officer-list-item">
              <div className="officer-list-main">
                <div className="officer-list-title">
                  <span>{CERTIFICATE_KINDS[c.kind] ?? c.kind}</span>
                  <Tag color={CERTIFICATE_STATUS_COLORS[c.status] ?? 'default'}>{CERTIFICATE_STATUSES[c.status] ?? c.status}</Tag>
                </div>
                <div className="officer-list-meta">
                  编号：<span className="mono">{c.serial}</span> · 发放：{formatDate(c.issuedAt)}
                </div>
                {c.statusReason ? <div className="officer-list-meta">说明：{c.statusReason}</div> : null}
              </div>
              <div className="officer-list-actions">
                <Button
                  size="small"
                  icon={<SafetyCertificateOutlined />}
                  href={`/verify/${encodeURIComponent(c.serial)}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  查验
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
