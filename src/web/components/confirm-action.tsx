import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, type ReactNode } from 'react';
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
 * - `run(options)` runs the action and reports it, for a `Popconfirm`'s `onConfirm` (return its promise, which never
 *   rejects, so the Popconfirm's OK button shows the pending state) or an action that needs no confirmation.
 */
export function useConfirmAction() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();

  const run = useCallback(
    async <R,>({ action, success, invalidate = [], onDone }: ActionOptions<R>): Promise<boolean> => {
      const refresh = () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      let result: R;
      try {
        result = await action();
      } catch (error) {
        void message.error(actionFailure(error));
        await refresh();
        return false;
      }
      await onDone?.(result);
      await refresh();
      const text = typeof success === 'function' ? success(result) : success;
      if (text !== null && text !== undefined) void message.success(text);
      return true;
    },
    [message, queryClient],
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

  return { confirm, run };
}
