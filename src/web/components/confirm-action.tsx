import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Form, Input, type FormInstance } from 'antd';
import { createRef, useCallback, type ReactNode } from 'react';
import { ApiError } from '../api/client';

/** What a confirmed action does and how it reports its outcome. */
export interface ActionOptions<R> {
  /** the request */
  action: () => Promise<R>;
  /** the success message, or null for none */
  success: ReactNode | ((result: R) => ReactNode);
  /**
   * the queries the action changes, refreshed before the success message, and after a refusal too (a 409 usually
   * means the record changed meanwhile: the page then shows it as it is)
   */
  invalidate?: readonly QueryKey[];
  /**
   * first thing after success (close a drawer, go to another page): before the refresh, so a drawer showing what was
   * just deleted is closed rather than refetched; a promise it returns (a page's own refresh) is waited for
   */
  onDone?: (result: R) => unknown;
  /**
   * a refusal (the server's answer, not a network failure) is shown in a warning dialog with this title rather than
   * a message, for a refusal that needs reading (暂不能删除 and why)
   */
  refusedTitle?: string;
}

/** The confirm dialog in front of an action. */
export interface ConfirmOptions<R> extends ActionOptions<R> {
  title: ReactNode;
  content?: ReactNode;
  /** the OK button's text (默认「确定」) */
  okText?: string;
  /** the cancel button's text (默认「取消」) */
  cancelText?: string;
  /** a red OK button: the action deletes or cannot be undone */
  danger?: boolean;
}

/**
 * A confirm dialog that asks for values first: its `fields` (antd `Form.Item`s, each with a visible label and its
 * rules) are checked on OK, and a refused check keeps the dialog open with the field's message under it; `content`
 * stands above the fields.
 */
export interface FormConfirmOptions<V, R> extends Omit<ConfirmOptions<R>, 'action'> {
  fields: ReactNode;
  initialValues?: Partial<V>;
  action: (values: V) => Promise<R>;
}

/** A confirm dialog with one text field (a reason, a user name): the trimmed value goes to `action`. */
export interface PromptOptions<R> extends Omit<ConfirmOptions<R>, 'action'> {
  /** the field's label, shown above it */
  label: string;
  placeholder?: string;
  /** the message for an empty (or blank) value, which is then refused; without it the value may be empty */
  required?: string;
  /** at least this many characters (the message names the label) */
  min?: number;
  maxLength?: number;
  /** a text area (with a character count when `maxLength` is set) rather than a one-line input */
  multiline?: boolean;
  action: (value: string) => Promise<R>;
}

interface PromptValues {
  value?: string;
}

/**
 * The message of a refused or failed action: the server's own (Chinese) message, or a Chinese fallback, never a
 * script error's English text.
 */
export const actionFailure = (error: unknown): string => (error instanceof ApiError ? error.message : '操作失败，请稍后重试');

/**
 * Confirm-then-act, one way for every page: the dialog's OK button (antd `modal.confirm`, or a `Popconfirm`'s) shows
 * its pending state while the request runs (and the refresh after it); success calls `onDone`, refreshes the named
 * queries and says so; a refusal shows the server's message. The dialog closes either way.
 *
 * - `confirm(options)` opens a confirm dialog (title, content, okText, danger) and runs the action on OK;
 * - `prompt(options)` is a confirm dialog that asks for one text (a reason, a user name) with a visible label, refusing
 *   an empty one (`required`) without closing; `confirmForm(options)` asks for several values the same way;
 * - `run(options)` runs the action and reports it, for a `Popconfirm`'s `onConfirm` (return its promise, which never
 *   rejects, so the Popconfirm's OK button shows the pending state) or an action that needs no confirmation.
 */
export function useConfirmAction() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();

  const run = useCallback(
    async <R,>({ action, success, invalidate = [], onDone, refusedTitle }: ActionOptions<R>): Promise<boolean> => {
      const refresh = () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      let result: R;
      try {
        result = await action();
      } catch (error) {
        if (refusedTitle !== undefined && error instanceof ApiError) modal.warning({ title: refusedTitle, content: error.message, okText: '知道了' });
        else void message.error(actionFailure(error));
        await refresh();
        return false;
      }
      await onDone?.(result);
      await refresh();
      const text = typeof success === 'function' ? success(result) : success;
      if (text !== null && text !== undefined) void message.success(text);
      return true;
    },
    [message, modal, queryClient],
  );

  const confirm = useCallback(
    <R,>({ title, content, okText = '确定', cancelText = '取消', danger = false, ...options }: ConfirmOptions<R>): void => {
      modal.confirm({
        title,
        content,
        okText,
        cancelText,
        ...(danger ? { okButtonProps: { danger: true } } : {}),
        onOk: () => run(options),
      });
    },
    [modal, run],
  );

  const confirmForm = useCallback(
    <V extends object, R>({
      title,
      content,
      fields,
      initialValues,
      okText = '确定',
      cancelText = '取消',
      danger = false,
      action,
      ...options
    }: FormConfirmOptions<V, R>): void => {
      const form = createRef<FormInstance<V>>();
      const dialog = modal.confirm({
        title,
        content: (
          <>
            {content ? <div className="confirm-form-intro">{content}</div> : null}
            <Form<V> ref={form} name="confirm-form" layout="vertical" requiredMark={false} initialValues={initialValues} className="confirm-form">
              {fields}
            </Form>
          </>
        ),
        okText,
        cancelText,
        ...(danger ? { okButtonProps: { danger: true } } : {}),
        onOk: async () => {
          if (!form.current) throw new Error('the dialog has no form');
          // a refused check rejects: the dialog stays open, the field says why
          const values = await form.current.validateFields();
          await run({ ...options, action: () => action(values) });
        },
      });
      // waiting on the dialog keeps antd from reporting a refused check as an unhandled rejection
      void dialog.then(
        () => undefined,
        () => undefined,
      );
    },
    [modal, run],
  );

  const prompt = useCallback(
    <R,>({ label, placeholder, required, min, maxLength, multiline = false, action, ...options }: PromptOptions<R>): void => {
      const field = multiline ? (
        <Input.TextArea rows={3} placeholder={placeholder} maxLength={maxLength} showCount={maxLength !== undefined} />
      ) : (
        <Input placeholder={placeholder} maxLength={maxLength} />
      );
      confirmForm<PromptValues, R>({
        ...options,
        fields: (
          <Form.Item
            name="value"
            label={label}
            rules={[
              ...(required !== undefined ? [{ required: true, whitespace: true, message: required }] : []),
              ...(min !== undefined ? [{ min, message: `${label}至少 ${min} 个字` }] : []),
            ]}
          >
            {field}
          </Form.Item>
        ),
        action: ({ value }) => action((value ?? '').trim()),
      });
    },
    [confirmForm],
  );

  return { confirm, confirmForm, prompt, run };
}
