import { QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Table } from 'antd';
import type { TrainingClassDetail, TrainingSession } from '../../api/training-types';
import { timeRange } from './common';
import { EnterpriseEnrol } from './EnterpriseEnrol';

/** 概况与签到: enrolment for an enterprise, the class's particulars and its sessions (with the sign-in screen). */
export function ClassOverview({ c }: { c: TrainingClassDetail }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {c.canEnrolCandidates ? (
        <EnterpriseEnrol c={c} />
      ) : c.enrolRefusal && c.status === 'open' ? (
        <Alert type="info" showIcon title={`报名：${c.enrolRefusal}`} />
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="主办单位">{c.orgUnitName}市场监督管理局</Descriptions.Item>
        <Descriptions.Item label="承办机构">{c.providerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="地点/链接">{c.venue ?? c.onlineLink ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="学时">{c.hours}</Descriptions.Item>
        <Descriptions.Item label="名额">
          已报名 {c.enrolled} / {c.capacity}
          {c.waitlisted ? `，候补 ${String(c.waitlisted)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="报名截止">{c.enrolDeadline ?? '开课前'}</Descriptions.Item>
        <Descriptions.Item label="结业条件">
          出勤率 ≥ {c.minAttendancePercent}%，考核 ≥ {c.passMark} 分
        </Descriptions.Item>
        <Descriptions.Item label="合格证有效期">{c.certificateValidMonths ? `${String(c.certificateValidMonths)} 个月` : '长期'}</Descriptions.Item>
        <Descriptions.Item label="讲师" span={2}>
          {c.instructors.length === 0 ? '—' : c.instructors.map((i) => `${i.name}（${i.organisation}${i.topic ? `，${i.topic}` : ''}）`).join('；')}
        </Descriptions.Item>
        {c.description ? (
          <Descriptions.Item label="说明" span={2}>
            {c.description}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Table<TrainingSession>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.sessions}
        columns={[
          { title: '课次', dataIndex: 'title' },
          { title: '时间', key: 'time', render: (_v, s) => timeRange(s.startsAt, s.endsAt) },
          {
            title: '签到',
            key: 'qr',
            render: (_v, s) =>
              c.canDeliver && c.status === 'open' ? (
                <Button size="small" icon={<QrcodeOutlined />} href={`/training/sessions/${String(s.id)}/screen`} target="_blank">
                  签到二维码投屏
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
