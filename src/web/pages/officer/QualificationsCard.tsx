import { DeleteOutlined, FileSearchOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Tag, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorMessage, request } from '../../api/client';
import { useConfirmAction } from '../../components/confirm-action';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import type { Qualification, QualificationInput, QualificationKind, QualificationList } from './types';
import type { Created, Ok } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

const KINDS: Record<QualificationKind, { label: string; color: string; example: string }> = {
  title: { label: '职称', color: 'blue', example: '如：高级工程师' },
  qualification: { label: '资格证书', color: 'purple', example: '如：注册质量工程师、六西格玛黑带' },
};

const EVIDENCE_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
const EVIDENCE_MAX_BYTES = 10 * 1048576;

/** Why a chosen evidence file cannot be sent (the server checks again by the file's first bytes), or null. */
const evidenceProblem = (file: { name: string; size?: number }): string | null => {
  if (!EVIDENCE_EXTENSIONS.test(file.name)) return '证明材料应为 PDF、JPG 或 PNG 文件';
  if ((file.size ?? 0) > EVIDENCE_MAX_BYTES) return '证明材料不能超过 10 MB';
  return null;
};

const uploadEvidence = (id: number, file: Blob) => {
  const data = new FormData();
  data.append('file', file);
  return api.upload<{ ok: true }>(`/api/qualifications/${id}/evidence`, data);
};

export const evidenceHref = (id: number): string => `/api/qualifications/${id}/evidence`;

const qualificationsKey = queryKeys.officer.qualifications;

/** 职称与资格证书 of one person: the list, and for those who may manage it adding, evidence upload and removal. */
/**
 * One person's titles and qualifications; used on 我的档案 (`subjectPath` `/api/persons/<id>`) and, in a modal, for an
 * enterprise's candidates (`/api/candidates/<candidate id>`: an enterprise is told no person id).
 */
export function QualificationsCard({ subjectPath, readOnlyNote }: { subjectPath: string; readOnlyNote?: string }) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const { confirm } = useConfirmAction();
  const [adding, setAdding] = useState(false);
  const [uploadingId, setUploadingId] = useState<number | null>(null);
  const list = useQuery({ queryKey: qualificationsKey(subjectPath), queryFn: () => api.get<QualificationList>(`${subjectPath}/qualifications`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: qualificationsKey(subjectPath) });

  const remove = (q: Qualification) =>
    confirm({
      title: `删除“${q.name}”？`,
      content: q.hasEvidence ? '证明材料一并删除，不能恢复。' : '删除后不能恢复。',
      okText: '删除',
      danger: true,
      action: () => request<Ok>('DELETE', `/api/qualifications/${q.id}`),
      success: '已删除',
      // a filing of the person under review (its reviewer reads these) keeps them: the reason needs reading
      refusedTitle: '暂不能删除',
      invalidate: [qualificationsKey(subjectPath)],
    });

  const upload =
    (q: Qualification): UploadProps['customRequest'] =>
    ({ file, onSuccess, onError }) => {
      setUploadingId(q.id);
      uploadEvidence(q.id, file as Blob)
        .then((answer) => {
          message.success('证明材料已上传');
          onSuccess?.(answer);
        })
        .catch((error: unknown) => {
          message.error(errorMessage(error));
          onError?.(error as Error);
        })
        .finally(() => {
          setUploadingId(null);
          void refresh();
        });
    };

  const checkFile: UploadProps['beforeUpload'] = (file) => {
    const problem = evidenceProblem(file);
    if (!problem) return true;
    message.error(problem);
    return Upload.LIST_IGNORE;
  };

  const canManage = list.data?.canManage ?? false;

  return (
    <Card
      size="small"
      className="block-card"
      title="职称与资格证书"
      extra={
        canManage ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" className="officer-card-lead">
        备案审核时，主管局据此核对任职条件。请上传证书的扫描件或照片（PDF、JPG、PNG，不超过 10 MB）。
      </Typography.Paragraph>
      {list.data && !canManage && readOnlyNote ? <Alert className="form-alert" type="info" showIcon title={readOnlyNote} /> : null}
      <QueryState query={list} what="职称与资格证书" rows={3} empty={canManage ? '尚未登记职称或资格证书，点“添加”登记并上传证明材料' : '暂无职称或资格证书'}>
        {(data) => (
          <ul className="officer-list">
            {data.items.map((q) => (
              <li key={q.id} className="officer-list-item">
                <div className="officer-list-main">
                  <div className="officer-list-title">
                    <Tag color={KINDS[q.kind].color}>{KINDS[q.kind].label}</Tag>
                    <span>{q.name}</span>
                  </div>
                  <div className="officer-list-meta">
                    {[q.issuer ? `发证机关：${q.issuer}` : null, q.issuedOn ? `发证日期：${q.issuedOn}` : null].filter(Boolean).join(' · ') ||
                      '未填写发证机关和日期'}
                  </div>
                  <div className="officer-list-meta">
                    {q.hasEvidence ? (
                      <Typography.Text type="success">已上传证明材料</Typography.Text>
                    ) : (
                      <Typography.Text type="warning">未上传证明材料</Typography.Text>
                    )}
                  </div>
                </div>
                <div className="officer-list-actions">
                  {q.hasEvidence ? (
                    <Button size="small" icon={<FileSearchOutlined />} href={evidenceHref(q.id)} target="_blank" rel="noopener noreferrer">
                      查看材料
                    </Button>
                  ) : null}
                  {canManage ? (
                    <>
                      <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} showUploadList={false} beforeUpload={checkFile} customRequest={upload(q)}>
                        <Button size="small" icon={<UploadOutlined />} loading={uploadingId === q.id} type={q.hasEvidence ? 'default' : 'primary'}>
                          {q.hasEvidence ? '重新上传' : '上传材料'}
                        </Button>
                      </Upload>
                      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(q)}>
                        删除
                      </Button>
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <AddQualificationModal
        open={adding}
        subjectPath={subjectPath}
        onClose={() => setAdding(false)}
        onAdded={(evidenceError) => {
          setAdding(false);
          if (evidenceError)
            modal.warning({ title: '已登记，但证明材料上传失败', content: `${evidenceError}。请在列表中点“上传材料”重新上传。`, okText: '知道了' });
          else message.success('已添加');
        }}
      />
    </Card>
  );
}

interface AddValues {
  kind: QualificationKind;
  name: string;
  issuer?: string;
  issuedOn?: Dayjs | null;
}

/**
 * 添加职称或资格证书: `POST /api/persons/:id/qualifications`, then (when a file was chosen) the evidence upload.
 * `onAdded` gets the upload's error message when the record was saved but its file was not.
 */
function AddQualificationModal({
  open,
  subjectPath,
  onClose,
  onAdded,
}: {
  open: boolean;
  subjectPath: string;
  onClose: () => void;
  onAdded: (evidenceError: string | null) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<AddValues>();
  /** a chosen file that cannot be sent (checked here; the server checks again) */
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const kind = Form.useWatch('kind', form) ?? 'title';

  const add = useFormMutation({
    form,
    mutationFn: async (v: AddValues) => {
      const issuer = v.issuer?.trim();
      const body: QualificationInput = {
        kind: v.kind,
        name: v.name.trim(),
        ...(issuer ? { issuer } : {}),
        ...(v.issuedOn ? { issuedOn: v.issuedOn.format('YYYY-MM-DD') } : {}),
      };
      const { id } = await api.post<Created>(`${subjectPath}/qualifications`, body);
      const file = files[0]?.originFileObj;
      if (!file) return null;
      try {
        await uploadEvidence(id, file);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    // the card says what happened: 已添加, or that the record was saved without its file
    success: null,
    invalidate: [qualificationsKey(subjectPath)],
    onDone: onAdded,
  });
  const { clearError } = add;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clearError();
    setFileProblem(null);
    setFiles([]);
  }, [open, form, clearError]);

  return (
    <Modal
      open={open}
      title="添加职称或资格证书"
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 520}
    >
      <FormError error={add.error ?? fileProblem} />
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'title' }}
        onFinish={(v) => {
          setFileProblem(null);
          add.mutate(v);
        }}
        onValuesChange={() => {
          clearError();
          setFileProblem(null);
        }}
      >
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(Object.keys(KINDS) as QualificationKind[]).map((k) => ({ value: k, label: KINDS[k].label }))}
          />
        </Form.Item>
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { min: 2, message: '名称至少 2 个字' },
          ]}
        >
          <Input maxLength={60} placeholder={KINDS[kind].example} />
        </Form.Item>
        <Form.Item label="发证机关" name="issuer">
          <Input maxLength={60} placeholder="选填" />
        </Form.Item>
        <Form.Item label="发证日期" name="issuedOn">
          <DatePicker className="full-width" inputReadOnly={isMobile} placeholder="选填" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="证明材料" extra="证书扫描件或照片，PDF、JPG 或 PNG，不超过 10 MB；也可以稍后上传">
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            maxCount={1}
            fileList={files}
            beforeUpload={(file) => {
              const problem = evidenceProblem(file);
              if (problem) {
                setFileProblem(problem);
                return Upload.LIST_IGNORE;
              }
              // kept until 保存: the record needs its id before its file can go up
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(-1))}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
