import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { SelectionDetail } from '../../api/selection-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';

interface Values {
  title: string;
  criteria: { name: string; weight: number }[];
  panel: string[];
}

const DEFAULT_CRITERIA = [
  { name: '质量管理经验与业绩', weight: 40 },
  { name: '专业知识与资格', weight: 30 },
  { name: '组织协调与沟通', weight: 30 },
];

/** 发起 / 修改竞争聘用: criteria with weights summing to 100 and a panel of at least three (the server checks the same). */
export function SelectionFormModal({
  open,
  selection,
  onClose,
  onSaved,
}: {
  open: boolean;
  selection?: SelectionDetail;
  onClose: () => void;
  onSaved: (s: SelectionDetail) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const criteria = Form.useWatch('criteria', form);
  const weightSum = (criteria ?? []).reduce((n, c) => n + (Number(c?.weight) || 0), 0);

  const save = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const body = { title: v.title.trim(), criteria: v.criteria.map((c) => ({ name: c.name.trim(), weight: c.weight })), panel: v.panel.map((p) => p.trim()) };
      return selection
        ? api.put<SelectionDetail>(`/api/selections/${String(selection.id)}`, { ...body, version: selection.version })
        : api.post<SelectionDetail>('/api/selections', body);
    },
    success: null,
    onDone: onSaved,
  });
  const { clearError } = save;
  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);

  return (
    <Modal
      open={open}
      title={selection ? '修改竞争聘用' : '发起竞争聘用'}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => void save.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={isMobile ? 'calc(100vw - 16px)' : 600}
    >
      {selection && selection.candidates.some((c) => c.scores) ? (
        <Alert className="form-alert" type="warning" showIcon title="修改评分项目将清除已录入的分数" />
      ) : null}
      <FormError error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          selection
            ? { title: selection.title, criteria: selection.criteria, panel: selection.panel }
            : { title: '首席质量官竞争聘用', criteria: DEFAULT_CRITERIA, panel: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="名称" name="title" rules={[{ required: true, whitespace: true, min: 2, message: '请填写名称（至少 2 个字）' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={`评分项目与权重（合计 ${String(weightSum)}，应为 100）`} required validateStatus={weightSum === 100 ? undefined : 'warning'}>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" className="full-width">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, min: 2, message: '评分项目名称至少 2 个字' }]}>
                      <Input placeholder="评分项目" maxLength={30} aria-label="评分项目" style={{ width: isMobile ? 160 : 300 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                      <InputNumber min={1} max={100} precision={0} addonAfter="%" aria-label="权重" style={{ width: 110 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label="删除评分项目" onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 10 })} disabled={fields.length >= 10}>
                  添加评分项目
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          label="评审组成员"
          name="panel"
          rules={[{ required: true, type: 'array', min: 3, message: '评审组至少 3 人' }]}
          extra="输入姓名后回车，至少 3 人"
        >
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', '、', ' ']}
            placeholder="如：王总经理、李董事、张人力资源总监"
            aria-label="评审组成员"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
