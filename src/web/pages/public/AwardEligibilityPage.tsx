import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Spin } from 'antd';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AWARD_LEVELS, type AwardLevel } from '../../../domain/award-eligibility';
import { parseUscc } from '../../../domain/uscc';
import { api, ApiError, errorMessage } from '../../api/client';
import type { AwardEligibilityAnswer } from '../../api/supervision-types';
import { PublicShell } from './PublicShell';
import { queryKeys } from '../../api/query-keys';

/** 质量奖申报条件查询 (public): whether an enterprise meets the CQO conditions for quality-award applications. */
export default function AwardEligibilityPage() {
  const [params, setParams] = useSearchParams();
  const uscc = params.get('uscc') ?? '';
  const level = (params.get('level') ?? 'province') as AwardLevel;
  const asOf = params.get('asOf') ?? '';
  const [text, setText] = useState(uscc);
  const [day, setDay] = useState(asOf);
  const [error, setError] = useState<string | null>(null);
  const answer = useQuery({
    queryKey: queryKeys.public.awardEligibility(uscc, level, asOf),
    queryFn: ({ signal }) => api.get<AwardEligibilityAnswer>('/api/public/award-eligibility', { uscc, level, asOf: asOf || undefined }, signal),
    enabled: uscc !== '',
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUscc(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setParams(day ? { uscc: parsed.value.uscc, level, asOf: day } : { uscc: parsed.value.uscc, level });
  };
  return (
    <PublicShell
      title="质量奖申报条件查询"
      footnote="依据《江苏省企业首席质量官制度》第八条，建立首席质量官制度是企业申报各级政府质量奖的必要条件。查询结果以本系统记录为准，不显示个人信息。"
    >
      <form className="verify-card public-card" onSubmit={submit} noValidate>
        <label htmlFor="award-uscc" className="verify-label">
          统一社会信用代码
        </label>
        <Select<AwardLevel>
          aria-label="奖项级别"
          value={level}
          onChange={(v) => setParams(uscc ? { uscc, level: v } : { level: v })}
          options={(Object.keys(AWARD_LEVELS) as AwardLevel[]).map((value) => ({ value, label: AWARD_LEVELS[value] }))}
          style={{ width: '100%', marginBottom: 8 }}
        />
        <Input
          type="date"
          aria-label="查询日期（不填为今天；可查询以往某日的结果）"
          title="查询日期（不填为今天；可查询以往某日的结果）"
          value={day}
          onChange={(e) => setDay(e.target.value)}
          style={{ marginBottom: 8 }}
        />
        <div className="public-search">
          <Input
            id="award-uscc"
            className="mono"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            placeholder="18 位统一社会信用代码"
            maxLength={40}
            status={error ? 'error' : undefined}
            aria-invalid={error ? true : undefined}
          />
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </div>
        {error ? (
          <div className="verify-error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
      {answer.isFetching ? (
        <div className="verify-card public-card">
          <Spin />
        </div>
      ) : answer.isError ? (
        <Alert type={answer.error instanceof ApiError && answer.error.status === 404 ? 'warning' : 'error'} showIcon title={errorMessage(answer.error)} />
      ) : answer.data ? (
        <section className="verify-card" aria-live="polite">
          <div className={`award-verdict ${answer.data.eligible ? 'ok' : 'no'}`}>
            {answer.data.eligible ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span>{answer.data.eligible ? '符合首席质量官制度方面的申报条件' : '暂不符合首席质量官制度方面的申报条件'}</span>
          </div>
          <div className="public-card">
            <div className="notice-no">{answer.data.enterpriseName}</div>
            <div className="notice-meta mono">
              {answer.data.uscc} · 查询日期 {answer.data.checkedOn}
            </div>
            <div className="notice-meta">
              {answer.data.scheme.levelLabel}申报条件 第 {answer.data.scheme.version} 版（{answer.data.scheme.adoptedOn} 起施行）
            </div>
          </div>
          <ul className="award-conditions">
            {answer.data.conditions.map((c) => (
              <li key={c.key}>
                <span className={c.pass ? 'pass' : 'fail'} aria-label={c.pass ? '符合' : '不符合'}>
                  {c.pass ? <CheckCircleFilled /> : <CloseCircleFilled />}
                </span>
                <div>
                  <div className="award-condition-label">{c.label}</div>
                  <div className="award-condition-reason">{c.reason}</div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PublicShell>
  );
}
