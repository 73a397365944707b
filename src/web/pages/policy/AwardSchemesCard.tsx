import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  AWARD_CONDITION_KINDS,
  AWARD_CONDITION_LABELS,
  AWARD_LEVELS,
  type AwardConditionKind,
  type AwardConditionSpec,
  type AwardLevel,
} from '../../../domain/award-eligibility';
import { api } from '../../api/client';
import type { AwardScheme, AwardSchemeAdopted, AwardSchemes } from '../../api/assessment-types';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { queryKeys } from '../../api/query-keys';

type Scheme = AwardScheme;
interface Values {
  level: AwardLevel;
  kinds: AwardConditionKind[];
  months?: number;
  hours?: number;
  adoptedOn: Dayjs;
  note?: string;
}

const conditionText = (c: AwardConditionSpec) =>
  AWARD_CONDITION_LABELS[c.kind] +
  (c.kind === 'tenure' && c.params.months
    ? `（${String(c.params.months)} 个月）`
    : c.kind === 'online_study' && c.params.hours
      ? `（${String(c.params.hours)} 学时）`
      : '');

/**
 * 质量奖申报条件 (province, policy 八): the conditions per award level, versioned; a new version applies from its day,
 * so a past check is reproduced with the version of its day. The necessary condition (a filed CQO) cannot be dropped.
 */
export function AwardSchemesCard() {
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const schemes = useQuery({ queryKey: queryKeys.awardSchemes, queryFn: ({ signal }) => api.get<AwardSchemes>('/api/award-schemes', undefined, signal) });
  const kinds = Form.useWatch('kinds', form) ?? [];

  const save = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const conditions = AWARD_CONDITION_KINDS.filter((k) => v.kinds.includes(k)).map((kind) => ({
        kind,
        params: kind === 'tenure' ? { months: v.months } : kind === 'online_study' ? { hours: v.hours } : {},
      }));
      return api.post<AwardSchemeAdopted>(`/api/award-schemes/${v.level}`, {
        conditions,
        note: v.note?.trim() || null,
        adoptedOn: v.adoptedOn.format('YYYY-MM-DD'),
      });
    },
    success: (r) => `已发布${AWARD_LEVELS[r.level]}条件第 ${String(r.version)} 版`,
    invalidate: [queryKeys.awardSchemes],
    fieldMap: { conditions: 'kinds' },
    onDone: () => setOpen(false),
  });
  const start = () => {
    save.clearError();
    form.setFieldsValue({ level: 'province', kinds: ['filed_officer', 'not_blacklisted'], months: 12, hours: 50, adoptedOn: dayjs(), note: '' });
    setOpen(true);
  };

  return (
    <Card
      title="政府质量奖申报的首席质量官条件（按奖项级别，各版本）"
      className="section-card"
      extra={
        <Button type="primary" onClick={start}>
          发布新版本
        </Button>
      }
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title="苏质委办〔2020〕9号 八：将建立首席质量官制度作为企业申报各级政府质量奖的必要条件。未发布版本的级别按政策默认条件（已聘任并备案、未列入黑名单）查询。"
      />
      <QueryState query={schemes} what="申报条件">
        {(data) => (
          <Table<Scheme>
            size="small"
            rowKey={(r) => `${r.level}-${String(r.version)}`}
            pagination={false}
            loading={schemes.isFetching}
            dataSource={data.schemes}
            locale={{ emptyText: '尚未发布版本：各级均按政策默认条件' }}
            columns={[
              { title: '奖项级别', dataIndex: 'levelLabel', width: 170 },
              { title: '版本', dataIndex: 'version', width: 60 },
              { title: '生效日期', dataIndex: 'adoptedOn', width: 110 },
              { title: '条件', dataIndex: 'conditions', render: (c: AwardConditionSpec[]) => c.map((x) => <Tag key={x.kind}>{conditionText(x)}</Tag>) },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={open}
        title="发布质量奖申报条件新版本"
        okText="发布"
        confirmLoading={save.isPending}
        onOk={() => void save.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <FormError error={save.error} />
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item label="奖项级别" name="level" rules={[{ required: true, message: '请选择奖项级别' }]}>
            <Select options={Object.entries(AWARD_LEVELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="条件" name="kinds" rules={[{ required: true, type: 'array', min: 1, message: '请至少设置一项条件' }]}>
            <Checkbox.Group options={AWARD_CONDITION_KINDS.map((k) => ({ value: k, label: AWARD_CONDITION_LABELS[k], disabled: k === 'filed_officer' }))} />
          </Form.Item>
          {kinds.includes('tenure') ? (
            <Form.Item label="任职满（月）" name="months" rules={[{ required: true, message: '请填写任职期限' }]}>
              <InputNumber min={1} max={120} precision={0} />
            </Form.Item>
          ) : null}
          {kinds.includes('online_study') ? (
            <Form.Item label="年度线上自学不少于（学时）" name="hours" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={1} max={200} />
            </Form.Item>
          ) : null}
          <Form.Item label="生效日期" name="adoptedOn" rules={[{ required: true, message: '请选择生效日期' }]} extra="不早于今天；此前的查询仍按当时的版本复核">
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
