import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { CASE_STATUSES, EVENT_KINDS, REGISTRATION_STATUSES, type CaseStatus, type EventKind, type RegistrationStatus } from '../../../domain/community-cases';
import { INDUSTRY_SECTIONS } from '../../../domain/enterprise';
import type { EventItem } from '../../api/community-case-types';
import { formatDateTimeShort } from '../../components/format';
import './community.css';

export const CASE_STATUS_COLORS: Record<CaseStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={CASE_STATUS_COLORS[status]}>{CASE_STATUSES[status]}</Tag>;
}

export function FeaturedTag({ featured }: { featured: boolean }) {
  return featured ? <Tag color="gold">精选</Tag> : null;
}

export const sectionLabel = (code: string): string => {
  const s = INDUSTRY_SECTIONS.find((x) => x.code === code);
  return s ? s.name : code;
};

/** A search snippet: plain text segments, hits in <mark>; never HTML from the server. */
export function Snippet({ parts }: { parts: { text: string; hit: boolean }[] }) {
  return (
    <Typography.Paragraph className="case-snippet" type="secondary">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </Typography.Paragraph>
  );
}

/** Rich text stored by the server after sanitize-html (scripts and event handlers removed there). */
export function RichText({ html }: { html: string }) {
  return <div className="case-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

export const eventKindLabel = (kind: EventKind): string => EVENT_KINDS[kind];
const REG_COLORS: Record<RegistrationStatus, string> = { registered: 'success', waitlisted: 'warning', cancelled: 'default' };
export function RegistrationTag({ status, checkedIn }: { status: RegistrationStatus | null; checkedIn?: boolean }) {
  if (!status) return null;
  if (checkedIn) return <Tag color="blue">已签到</Tag>;
  return <Tag color={REG_COLORS[status]}>{REGISTRATION_STATUSES[status]}</Tag>;
}

/** Plain lines typed by an officer as paragraphs (escaped), the form the server stores as rich text. */
export function linesToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('');
}

/** The text of stored rich text, one block per line, for editing in a text area. */
export function htmlToLines(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const blocks = doc.body.querySelectorAll('p, li, h3, h4, blockquote, tr');
  if (blocks.length === 0) return doc.body.textContent.trim();
  return Array.from(blocks)
    .map((b) => b.textContent.trim())
    .filter(Boolean)
    .join('\n');
}

/** One event in a list: title, time, place, organiser, seats and the caller's registration. */
export function EventCard({ e }: { e: EventItem }) {
  return (
    <Card
      size="small"
      className="case-card"
      title={<Link to={`/community/events/${e.id}`}>{e.title}</Link>}
      extra={<Tag color="blue">{eventKindLabel(e.kind)}</Tag>}
    >
      <div className="case-meta">
        <span>{formatDateTimeShort(e.startsAt)}</span>
        <span>{e.place}</span>
        <span>主办：{e.organiserName}</span>
      </div>
      <Space size={[4, 4]} wrap>
        {e.status === 'cancelled' ? (
          <Tag color="default">已取消</Tag>
        ) : (
          <Tag>{`已报名 ${e.registered}/${e.capacity}${e.waitlisted ? `，候补 ${e.waitlisted}` : ''}`}</Tag>
        )}
        {e.organisationId !== null ? <Tag color="cyan">仅成员可见</Tag> : null}
        <RegistrationTag status={e.myStatus} checkedIn={e.myCheckedIn} />
        {e.hasReport ? <Tag color="purple">有活动报道</Tag> : null}
      </Space>
    </Card>
  );
}
