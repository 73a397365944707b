import { BoldOutlined, FileAddOutlined, ItalicOutlined, OrderedListOutlined, PictureOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Popover, Select, Space, Tag, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { MentionCandidate, UploadedFile } from '../../api/community-types';

export interface PostPayload {
  bodyHtml: string;
  mentionAccountIds: number[];
  attachmentIds: number[];
}

/** Plain text as paragraphs, escaped: what the editor inserts for anything typed or pasted. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A small rich-text composer (no editor dependency): a contentEditable area with bold, italic, list and quote,
 * images and attachments uploaded through the community file route, and @mentions of officers who can read the
 * board. Pasted content is taken as plain text. The server sanitises whatever is sent.
 */
export function PostComposer({
  boardId,
  submitLabel,
  placeholder,
  onSubmit,
  initialHtml,
  onCancel,
}: {
  boardId: number;
  submitLabel: string;
  placeholder: string;
  onSubmit: (payload: PostPayload) => Promise<unknown>;
  /** Editing: the post's stored (server-sanitised) body to start from. */
  initialHtml?: string;
  /** Editing: a 取消 button beside the submit button. */
  onCancel?: () => void;
}) {
  const { message } = App.useApp();
  const area = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (initialHtml !== undefined && area.current) area.current.innerHTML = initialHtml;
  }, [initialHtml]);
  const [mentions, setMentions] = useState<{ accountId: number; name: string }[]>([]);
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [mentionOpen, setMentionOpen] = useState(false);
  const savedRange = useRef<Range | null>(null);

  const remember = () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && area.current?.contains(sel.anchorNode)) savedRange.current = sel.getRangeAt(0).cloneRange();
  };
  const insertNode = (node: Node) => {
    const el = area.current;
    if (!el) return;
    const range = savedRange.current;
    if (range && el.contains(range.startContainer)) {
      range.deleteContents();
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      savedRange.current = range.cloneRange();
    } else {
      el.appendChild(node);
    }
  };
  const wrap = (tag: 'strong' | 'em' | 'blockquote') => {
    const range = savedRange.current;
    if (!range || range.collapsed || !area.current?.contains(range.startContainer)) {
      void message.info('请先选中要设置格式的文字');
      return;
    }
    const node = document.createElement(tag);
    node.appendChild(range.extractContents());
    insertNode(node);
  };
  const list = () => {
    const range = savedRange.current;
    const text = range && !range.collapsed ? range.toString() : '';
    const ul = document.createElement('ul');
    for (const line of (text || '列表项').split(/\n+/)) {
      const li = document.createElement('li');
      li.textContent = line;
      ul.appendChild(li);
    }
    if (range && !range.collapsed) range.deleteContents();
    insertNode(ul);
  };

  const upload = async (kind: 'image' | 'attachment') => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = kind === 'image' ? 'image/png,image/jpeg' : 'application/pdf,image/png,image/jpeg';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return;
      const form = new FormData();
      form.append('file', file);
      api
        .upload<UploadedFile>(`/api/community/files?kind=${kind}`, form)
        .then((f) => {
          if (kind === 'image') {
            const img = document.createElement('img');
            img.src = f.url;
            img.alt = f.name;
            insertNode(img);
          } else {
            setAttachments((a) => [...a, f]);
          }
        })
        .catch((e: unknown) => void message.error(errorMessage(e)));
    };
    input.click();
  };

  const searchMentions = (q: string) => {
    api
      .get<MentionCandidate[]>(`/api/community/boards/${boardId}/mentionable`, { q })
      .then((rows) => setOptions(rows.map((r) => ({ value: r.accountId, label: `${r.name}${r.enterpriseName ? `（${r.enterpriseName}）` : ''}` }))))
      .catch(() => setOptions([]));
  };
  const mention = (accountId: number, label: string) => {
    const name = label.replace(/（.*$/, '');
    setMentions((m) => (m.some((x) => x.accountId === accountId) ? m : [...m, { accountId, name }]));
    insertNode(document.createTextNode(`@${name} `));
    setMentionOpen(false);
  };

  const submit = async () => {
    const el = area.current;
    if (!el) return;
    const html = el.innerHTML;
    const text = el.innerText;
    setBusy(true);
    try {
      await onSubmit({
        bodyHtml: html,
        mentionAccountIds: mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.accountId),
        attachmentIds: attachments.map((a) => a.id),
      });
      el.innerHTML = '';
      setMentions([]);
      setAttachments([]);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="composer">
      <Space size={2} wrap className="composer-toolbar">
        <Tooltip title="加粗">
          <Button type="text" size="small" icon={<BoldOutlined />} aria-label="加粗" onMouseDown={(e) => e.preventDefault()} onClick={() => wrap('strong')} />
        </Tooltip>
        <Tooltip title="斜体">
          <Button type="text" size="small" icon={<ItalicOutlined />} aria-label="斜体" onMouseDown={(e) => e.preventDefault()} onClick={() => wrap('em')} />
        </Tooltip>
        <Tooltip title="列表">
          <Button type="text" size="small" icon={<OrderedListOutlined />} aria-label="列表" onMouseDown={(e) => e.preventDefault()} onClick={list} />
        </Tooltip>
        <Button type="text" size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => wrap('blockquote')}>
          引用
        </Button>
        <Tooltip title="插入图片（JPG/PNG，≤10 MB）">
          <Button
            type="text"
            size="small"
            icon={<PictureOutlined />}
            aria-label="插入图片"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void upload('image')}
          />
        </Tooltip>
        <Tooltip title="添加附件（PDF/JPG/PNG，≤10 MB）">
          <Button
            type="text"
            size="small"
            icon={<FileAddOutlined />}
            aria-label="添加附件"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void upload('attachment')}
          />
        </Tooltip>
        <Popover
          open={mentionOpen}
          onOpenChange={(open) => {
            setMentionOpen(open);
            if (open) searchMentions('');
          }}
          trigger="click"
          content={
            <Select
              showSearch={{ filterOption: false, onSearch: searchMentions }}
              style={{ width: 240 }}
              placeholder="输入姓名查找"
              options={options}
              onSelect={(value: number, option) => mention(value, String(option.label))}
            />
          }
        >
          <Button type="text" size="small" icon={<UserAddOutlined />} onMouseDown={(e) => e.preventDefault()}>
            @提及
          </Button>
        </Popover>
      </Space>
      <div
        ref={area}
        className="composer-area post-body"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-label={placeholder}
        data-placeholder={placeholder}
        onKeyUp={remember}
        onMouseUp={remember}
        onBlur={remember}
        onPaste={(e) => {
          e.preventDefault();
          const text = e.clipboardData.getData('text/plain');
          const frag = document.createElement('span');
          frag.innerHTML = escapeHtml(text).replace(/\n/g, '<br>');
          remember();
          insertNode(frag);
        }}
      />
      {attachments.length > 0 ? (
        <div className="composer-files">
          {attachments.map((a) => (
            <Tag key={a.id} closable onClose={() => setAttachments((x) => x.filter((y) => y.id !== a.id))}>
              {a.name}
            </Tag>
          ))}
        </div>
      ) : null}
      <div className="composer-actions">
        <Space>
          {onCancel ? <Button onClick={onCancel}>取消</Button> : null}
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            {submitLabel}
          </Button>
        </Space>
      </div>
    </div>
  );
}
