import { Button, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { RosterItem, TrainingClassDetail, TrainingSession } from '../../api/training-types';
import { download } from '../../components/download';
import { AttendanceTag, certificatePdfHref, EnrolmentTag, timeRange } from './common';
import type { Dialog } from './RosterDialog';

/** The roster's columns: enrolment, a column a session (attendance), score, completion, survey and certificate. */
export function rosterColumns({
  c,
  sessions,
  deliver,
  open,
  isIssuing,
  onIssue,
}: {
  c: TrainingClassDetail;
  sessions: TrainingSession[];
  /** the class is open and the caller delivers it: attendance, scores and certificates can be entered */
  deliver: boolean;
  open: (d: Dialog) => void;
  isIssuing: (enrolmentId: number) => boolean;
  onIssue: (enrolmentId: number) => void;
}): TableColumnsType<RosterItem> {
  return [
    { title: '姓名', dataIndex: 'name', fixed: 'left', width: 90 },
    { title: '所在企业', dataIndex: 'enterpriseName', width: 200, render: (v: string | null) => v ?? '—' },
    {
      title: '报名',
      dataIndex: 'status',
      width: 110,
      render: (_v, r) => (
        <Tooltip title={r.priorityLabel}>
          <EnrolmentTag status={r.status} />
          {r.waitlistPosition !== null ? `第 ${String(r.waitlistPosition)} 位` : null}
          {r.priority < 2 && r.status === 'waitlisted' ? <Tag color="gold">优先</Tag> : null}
        </Tooltip>
      ),
    },
    ...sessions.map((s, i) => ({
      title: <Tooltip title={`${s.title} ${timeRange(s.startsAt, s.endsAt)}`}>{`第${String(i + 1)}课`}</Tooltip>,
      key: `s${String(s.id)}`,
      width: 90,
      render: (_v: unknown, r: RosterItem) => {
        if (r.status !== 'enrolled') return null;
        const a = r.attendance[String(s.id)];
        const tag = (
          <span className={deliver ? 'training-roster-cell' : undefined}>
            <AttendanceTag status={a?.status ?? null} />
          </span>
        );
        const tip = a?.correctionReason ? `更正：${a.correctionReason}` : a?.method === 'qr' ? '扫码签到' : undefined;
        return deliver ? (
          <Tooltip title={tip ?? '点击更正考勤'}>
            <a onClick={() => open({ kind: 'attendance', item: r, session: s })}>{tag}</a>
          </Tooltip>
        ) : (
          <Tooltip title={tip}>{tag}</Tooltip>
        );
      },
    })),
    { title: '出勤率', key: 'att', width: 80, render: (_v, r) => (r.status === 'enrolled' ? `${String(r.completion.attendancePercent)}%` : '') },
    {
      title: '成绩',
      key: 'score',
      width: 110,
      render: (_v, r) =>
        r.status !== 'enrolled' ? null : (
          <Space size={4}>
            <span>{r.score === null ? '—' : r.makeupScore !== null ? `${String(r.score)}/补${String(r.makeupScore)}` : r.score}</span>
            {deliver ? <a onClick={() => open({ kind: 'score', item: r })}>录入</a> : null}
          </Space>
        ),
    },
    {
      title: '结业',
      key: 'complete',
      width: 80,
      render: (_v, r) =>
        r.status !== 'enrolled' ? null : r.completion.complete ? (
          <Tag color="success">结业</Tag>
        ) : (
          <Tooltip title={r.completion.missing.join('；')}>
            <Tag>未结业</Tag>
          </Tooltip>
        ),
    },
    { title: '评估', dataIndex: 'surveyDone', width: 70, render: (v: boolean) => (v ? <Tag color="green">已评</Tag> : '') },
    {
      title: '合格证',
      key: 'cert',
      width: 260,
      render: (_v, r) => {
        if (r.certificate) {
          return (
            <Space size={4} wrap>
              <a onClick={() => download(certificatePdfHref(r.certificate?.id ?? 0))}>{r.certificate.serial}</a>
              {r.certificate.status !== 'valid' ? <Tag color="error">已撤销</Tag> : null}
              {c.canDeliver && r.certificate.status === 'valid' ? <a onClick={() => open({ kind: 'revoke', item: r })}>撤销</a> : null}
              {c.canDeliver ? <a onClick={() => open({ kind: 'reissue', item: r })}>换发</a> : null}
            </Space>
          );
        }
        return deliver && r.status === 'enrolled' && r.completion.complete ? (
          <Button size="small" loading={isIssuing(r.id)} onClick={() => onIssue(r.id)}>
            发证
          </Button>
        ) : null;
      },
    },
  ];
}
