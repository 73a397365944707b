import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { CertificateVerification } from '../api/filing-types';
import { useSite } from '../auth/session';
import './verify.css';
import { queryKeys } from '../api/query-keys';

const SERIAL_EXAMPLE = 'JS-BA-2026-ABCD2345';
const normalizeSerial = (v: string): string => v.replace(/\s+/g, '').toUpperCase();
const dateText = (v: string | null): string => (v ? dayjs(v).format('YYYY年M月D日') : '—');
/** `2026-10-19 至 2026-10-20` → `2026年10月19日 至 2026年10月20日` */
const periodText = (v: string): string => v.replace(/\d{4}-\d{2}-\d{2}/g, (d) => dateText(d));

/**
 * 证书核验 (public, no login): `/verify` to type a serial, `/verify/:serial` for the answer. People reach it by
 * scanning the QR code on a certificate with a phone, so the layout is made for a phone first.
 */
export default function VerifyPage() {
  const { serial: raw } = useParams();
  const serial = raw ? normalizeSerial(raw) : '';
  const site = useSite();
  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';

  useEffect(() => {
    document.title = `证书核验 - ${siteTitle}`;
  }, [siteTitle]);

  return (
    <div className="verify-page">
      <main className="verify-main">
        <header className="verify-header">
          <span className="verify-emblem" aria-hidden>
            质
          </span>
          <div>
            <h1 className="verify-title">证书核验</h1>
            <div className="verify-site">{siteTitle}</div>
          </div>
        </header>
        {serial ? <VerifyResult serial={serial} /> : <SerialForm />}
        <p className="verify-footnote">持有人姓名已作脱敏处理。核验结果以本系统记录为准，如有疑问请向备案机关核实。</p>
      </main>
    </div>
  );
}

function SerialForm({ initial = '', compact = false }: { initial?: string; compact?: boolean }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = normalizeSerial(value);
    if (!s) {
      setError('请输入证书编号');
      return;
    }
    if (s.length > 40) {
      setError('证书编号过长，请核对');
      return;
    }
    void navigate(`/verify/${encodeURIComponent(s)}`);
  };
  return (
    <form className={compact ? 'verify-form verify-form-compact' : 'verify-card verify-form'} onSubmit={submit} noValidate>
      {compact ? null : (
        <>
          <h2 className="verify-form-title">
            <SafetyCertificateOutlined /> 输入证书编号
          </h2>
          <p className="verify-hint">证书编号印在备案证明右上方，也可直接用手机扫描证书上的二维码。</p>
        </>
      )}
      <label htmlFor="verify-serial" className={compact ? 'verify-label' : 'sr-only'}>
        证书编号
      </label>
      <div className="verify-input-row">
        <input
          id="verify-serial"
          className={`verify-input mono${error ? ' verify-input-error' : ''}`}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          placeholder={`如 ${SERIAL_EXAMPLE}`}
          maxLength={40}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'verify-serial-error' : undefined}
        />
        <Button type="primary" size="large" htmlType="submit">
          核验
        </Button>
      </div>
      {error ? (
        <div id="verify-serial-error" className="verify-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="verify-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function VerifyResult({ serial }: { serial: string }) {
  const answer = useQuery({
    queryKey: queryKeys.verify(serial),
    queryFn: ({ signal }) => api.get<CertificateVerification>(`/api/public/verify/${encodeURIComponent(serial)}`, undefined, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    staleTime: 60_000,
  });

  if (answer.isPending) {
    return (
      <div className="verify-card verify-loading" role="status" aria-live="polite">
        <Spin />
        <span>正在核验 {serial} …</span>
      </div>
    );
  }
  if (answer.isError) {
    const unknown = answer.error instanceof ApiError && answer.error.status === 404;
    return (
      <>
        <section className="verify-card verify-result" aria-live="polite">
          <div className={`verify-status ${unknown ? 'verify-status-unknown' : 'verify-status-error'}`}>
            {unknown ? (
              <QuestionCircleFilled className="verify-status-icon" aria-hidden />
            ) : (
              <ExclamationCircleFilled className="verify-status-icon" aria-hidden />
            )}
            <div>
              <div className="verify-status-label">{unknown ? '未查到该证书' : '暂时无法核验'}</div>
              <div className="verify-status-sub mono">{serial}</div>
            </div>
          </div>
          <div className="verify-body">
            {unknown ? (
              <p className="verify-advice">
                请核对证书编号是否与证书上印制的一致（格式如 <span className="mono">{SERIAL_EXAMPLE}</span>；末 8 位不含字母 O、I、L 和数字
                0、1），或直接扫描证书上的二维码。 仍查不到的，该证书可能不是本系统签发，请向备案机关核实。
              </p>
            ) : (
              <>
                <p className="verify-advice">{errorMessage(answer.error)}</p>
                <Button onClick={() => void answer.refetch()} loading={answer.isFetching}>
                  重试
                </Button>
              </>
            )}
          </div>
        </section>
        <section className="verify-card">
          <SerialForm initial={unknown ? serial : ''} compact />
        </section>
      </>
    );
  }

  const c = answer.data;
  const valid = c.status === 'valid';
  const good = valid && c.signatureValid;
  const headline = !valid ? (c.status === 'revoked' ? '已撤销' : '已失效') : c.signatureValid ? '有效' : '签名校验未通过';
  return (
    <>
      <section className="verify-card verify-result" aria-live="polite">
        <div className={`verify-status ${good ? 'verify-status-valid' : 'verify-status-invalid'}`}>
          {good ? <CheckCircleFilled className="verify-status-icon" aria-hidden /> : <CloseCircleFilled className="verify-status-icon" aria-hidden />}
          <div>
            <div className="verify-status-label">{headline}</div>
            <div className="verify-status-sub">{c.kindLabel}</div>
          </div>
        </div>
        {!valid ? (
          <div className="verify-reason">
            <strong>{c.statusLabel}</strong>
            {c.statusReason ? `：${c.statusReason}` : null}
            {c.statusChangedAt ? <div className="verify-reason-date">变更日期：{dateText(c.statusChangedAt)}</div> : null}
          </div>
        ) : null}
        {!c.signatureValid ? (
          <div className="verify-reason">
            <strong>数字签名校验未通过</strong>：证书内容与签发时不一致，可能被篡改，请勿采信，并向备案机关核实。
          </div>
        ) : null}
        <dl className="verify-details">
          <Row label="证书编号">
            <span className="mono">{c.serial}</span>
          </Row>
          <Row label="持有人">{c.holderName}</Row>
          {/* every date as signed in the certificate (the PDF prints the same) */}
          {c.kind === 'training_certificate' ? (
            <>
              <Row label="培训班">{c.className ?? '—'}</Row>
              <Row label="培训等级">{c.tierLabel ? `${c.tierLabel}培训` : '—'}</Row>
              {c.period ? <Row label="培训时间">{periodText(c.period)}</Row> : null}
              <Row label="发证机关">{c.bureauName ?? '—'}</Row>
              <Row label="有效期至">{c.expiresOn ? dateText(c.expiresOn) : '长期有效'}</Row>
            </>
          ) : c.kind === 'transcript' ? (
            <>
              <Row label="年度">{c.year ? `${String(c.year)} 年` : '—'}</Row>
              <Row label="学时合计">{c.hours !== null ? `${String(c.hours)} 学时` : '—'}</Row>
            </>
          ) : (
            <>
              <Row label="聘任企业">{c.enterpriseName ?? '—'}</Row>
              <Row label="备案机关">{c.bureauName ?? '—'}</Row>
              <Row label="聘任日期">{dateText(c.appointmentDate)}</Row>
              <Row label="备案日期">{dateText(c.filedOn)}</Row>
            </>
          )}
          <Row label="签发日期">{dateText(c.issuedOn ?? c.issuedAt)}</Row>
          <Row label="数字签名">
            {c.signatureValid ? (
              <span className="verify-sig verify-sig-ok">
                <CheckCircleFilled aria-hidden /> 校验通过
              </span>
            ) : (
              <span className="verify-sig verify-sig-bad">
                <CloseCircleFilled aria-hidden /> 校验未通过
              </span>
            )}
          </Row>
        </dl>
      </section>
      <p className="verify-again">
        <Link to="/verify">核验其他证书</Link>
      </p>
    </>
  );
}
