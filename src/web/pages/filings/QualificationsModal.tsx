import { DeleteOutlined, FileSearchOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, Modal, Radio, Row, Space, Spin, Tag, Typography, Upload, type UploadProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { applyServerErrors } from '../../components/form-errors';
import { useIsMobile } from '../../components/use-is-mobile';

type QualificationKind = 'title' | 'qualification';

/** `GET /api/persons/:id/qualifications` */
interface Qualification {
  id: number;
  kind: QualificationKind;
  name: string;
  issuer: string | null;
  issuedOn: string | null;
  hasEvidence: boolean;
  createdAt: string;
}

interface QualificationList {
  items: Qualification[];
  /** false when the person keeps their own account: then only they maintain these */
  canManage: boolean;
}

const KINDS: Record<QualificationKind, { label: string; color: string; example: string }> = {
  title: { label: '职称', color: 'blue', example: '如：高级工程师' },
  qualification: { label: '资格证书', color: 'purple', example: '如：注册质量工程师' },
};
const KIND_OPTIONS = (Object.keys(KINDS) as QualificationKind[]).map((k) => ({ value: k, label: KINDS[k].label }));

const EVIDENCE_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
const EVIDENCE_MAX_BYTES = 10 * 1048576;

const evidenceHref = (id: number): string => `/api/qualifications/${id}/evidence`;
const qualificationsKey = (personId: number) => ['person-qualifications', personId] as const;

/**
 * 职称与证书 of one candidate. An enterprise maintains them (add, evidence upload, removal) while the person
 * keeps no account of their own; once the person registers, the list is read-only here.
 */
export function QualificationsModal({ open, person, onClose }: { open: boolean; person: { id: number; name: string } | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [uploadingId, setUploadingId] = useState<number | null>(null);
  const personId = person?.id ?? 0;
  const list = useQuery({
    queryKey: qualificationsKey(personId),
    queryFn: () => api.get<QualificationList>(`/api/persons/${personId}/qualifications`),
    enabled: open && personId > 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: qualificationsKey(personId) });

  useEffect(() => {
    if (open) setAdding(false);
  }, [open, personId]);

  const remove = (q: Qualification) =>
    modal.confirm({
      title: `删除“${q.name}”？`,
      content: q.hasEvidence ? '证明材料一并删除，不能恢复。' : '删除后不能恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete<{ ok: true }>(`/api/qualifications/${q.id}`);
          message.success(`已删除“${q.name}”`);
        } catch (error) {
          // 409: a filing of the person is under review
          if (error instanceof ApiError && error.status === 409) modal.warning({ title: '暂不能删除', content: error.message, okText: '知道了' });
          else message.error(errorMessage(error));
        } finally {
          void refresh();
        }
      },
    });

  const checkFile: UploadProps['beforeUpload'] = (file) => {
    if (!EVIDENCE_EXTENSIONS.test(file.name)) {
      message.error('证明材料应为 PDF、JPG 或 PNG 文件');
      return Upload.LIST_IGNORE;
    }
    if (file.size > EVIDENCE_MAX_BYTES) {
      message.error('证明材料不能超过 10 MB');
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const upload =
    (q: Qualification): UploadProps['customRequest'] =>
    ({ file, onSuccess, onError }) => {
      const data = new FormData();
      data.append('file', file as Blob);
      setUploadingId(q.id);
      api
        .upload<{ ok: true }>(`/api/qualifications/${q.id}/evidence`, data)
        .then((answer) => {
          message.success(`“${q.name}”的证明材料已上传`);
          onSuccess?.(answer);
        })
        .catch((error: unknown) => {
          message.error(errorMessage(error));
          onError?.(error instanceof Error ? error : new Error(errorMessage(error)));
        })
        .finally(() => {
          setUploadingId(null);
          void refresh();
        });
    };

  const canManage = list.data?.canManage ?? false;
  let content;
  if (list.isPending) {
    content = (
      <div className="page-spin">
        <Spin />
      </div>
    );
  } else if (list.isError) {
    content = (
      <Alert
        type="error"
        showIcon
        title="职称与证书加载失败"
        description={errorMessage(list.error)}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            重试
          </Button>
        }
      />
    );
  } else if (list.data.items.length === 0) {
    content = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canManage ? '尚未登记职称或资格证书' : '暂无职称或资格证书'} />;
  } else {
    content = (
      <ul className="qual-list">
        {list.data.items.map((q) => (
          <li key={q.id} className="qual-item">
            <div className="qual-main">
              <div className="qual-title">
                <Tag color={KINDS[q.kind].color}>{KINDS[q.kind].label}</Tag>
                <Typography.Text strong>{q.name}</Typography.Text>
              </div>
              <Typography.Text type="secondary" className="qual-meta">
                {[q.issuer ? `发证机关：${q.issuer}` : null, q.issuedOn ? `发证日期：${q.issuedOn}` : null].filter(Boolean).join(' · ') || '未填写发证机关和日期'}
              </Typography.Text>
              <span className="qual-meta">
                {q.hasEvidence ? <Typography.Text type="success">已上传证明材料</Typography.Text> : <Typography.Text type="warning">未上传证明材料</Typography.Text>}
              </span>
            </div>
            <Space wrap size={[8, 6]} className="qual-actions">
              {q.hasEvidence ? (
                <Button size="small" icon={<FileSearchOutlined />} href={evidenceHref(q.id)} target="_blank" rel="noopener noreferrer">
                  查看
                </Button>
              ) : null}
              {canManage ? (
                <>
                  <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} showUploadList={false} beforeUpload={checkFile} customRequest={upload(q)}>
                    <Button size="small" icon={<UploadOutlined />} loading={uploadingId === q.id} type={q.hasEvidence ? 'default' : 'primary'}>
                      {q.hasEvidence ? '重新上传' : '上传证明材料'}
                    </Button>
                  </Upload>
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(q)}>
                    删除
                  </Button>
                </>
              ) : null}
            </Space>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <Modal
      open={open}
      title={person ? `${person.name} 的职称与证书` : '职称与证书'}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 640}
    >
      {list.data && !canManage ? <Alert className="form-alert" type="info" showIcon title="该人员已注册本人账户，由本人维护" /> : null}
      {canManage ? (
        <div className="qual-toolbar">
          <Typography.Text type="secondary" className="small-note">
            备案审核时主管局据此核对任职条件。证明材料为证书扫描件或照片，PDF、JPG 或 PNG，不超过 10 MB。
          </Typography.Text>
          {adding ? null : (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加
            </Button>
          )}
        </div>
      ) : null}
      {canManage && adding ? (
        <AddQualificationForm
          personId={personId}
          onCancel={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            void refresh();
            message.success(`已添加“${name}”，请上传证明材料`);
          }}
        />
      ) : null}
      {content}
    </Modal>
  );
}

interface AddValues {
  kind: QualificationKind;
  name: string;
  issuer?: string;
  issuedOn?: Dayjs | null;
}

/** 添加: `POST /api/persons/:id/qualifications`; the evidence is uploaded on the item afterwards. */
function AddQualificationForm({ personId, onCancel, onAdded }: { personId: number; onCancel: () => void; onAdded: (name: string) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'title';

  const finish = async (v: AddValues) => {
    setBusy(true);
    setError(null);
    try {
      const name = v.name.trim();
      const issuer = v.issuer?.trim();
      await api.post<{ id: number }>(`/api/persons/${personId}/qualifications`, {
        kind: v.kind,
        name,
        ...(issuer ? { issuer } : {}),
        ...(v.issuedOn ? { issuedOn: v.issuedOn.format('YYYY-MM-DD') } : {}),
      });
      onAdded(name);
    } catch (err) {
      setError(applyServerErrors(form, err, ['kind', 'name', 'issuer', 'issuedOn']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qual-add">
      {error ? <Alert className="form-alert" type="error" showIcon title={error} /> : null}
      <Form<AddValues> form={form} layout="vertical" initialValues={{ kind: 'title' }} onFinish={(v) => void finish(v)} onValuesChange={() => setError(null)} autoComplete="off">
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, message: '名称至少 2 个字' }]}>
          <Input maxLength={60} placeholder={KINDS[kind].example} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item label="发证机关" name="issuer">
              <Input maxLength={60} placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item label="发证日期" name="issuedOn">
              <DatePicker className="full-width" format="YYYY-MM-DD" placeholder="选填" inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
