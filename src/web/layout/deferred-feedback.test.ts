import { describe, expect, it } from 'vitest';
import { deferredFeedback, type FeedbackApi } from './deferred-feedback';

/** A stand-in for antd's API that records calls; its handles resolve as antd's do (a message when it closes, a modal when answered). */
function recordingApi() {
  const calls: string[] = [];
  const messageHandle = (label: string) =>
    Object.assign(() => calls.push(`close ${label}`), { then: <R>(onFulfilled: (closed: boolean) => R) => Promise.resolve(true).then(onFulfilled) });
  const modalHandle = (label: string) => ({
    destroy: () => calls.push(`destroy ${label}`),
    update: () => calls.push(`update ${label}`),
    then: <T>(resolve: (confirmed: boolean) => T) => Promise.resolve(label === 'ok?').then(resolve),
  });
  const message = Object.fromEntries(
    (['info', 'success', 'error', 'warning', 'loading'] as const).map((kind) => [
      kind,
      (content: unknown) => (calls.push(`message.${kind} ${String(content)}`), messageHandle(String(content))),
    ]),
  );
  const modal = Object.fromEntries(
    (['info', 'success', 'error', 'warning', 'confirm'] as const).map((kind) => [
      kind,
      (props: { title?: unknown }) => (calls.push(`modal.${kind} ${String(props.title)}`), modalHandle(String(props.title))),
    ]),
  );
  const api = {
    message: {
      ...message,
      open: (args: { content?: unknown }) => (calls.push(`message.open ${String(args.content)}`), messageHandle(String(args.content))),
      destroy: () => calls.push('message.destroy'),
    },
    modal,
    notification: {
      open: (args: { title?: unknown }) => calls.push(`notification.open ${String(args.title)}`),
      destroy: () => calls.push('notification.destroy'),
    },
  } as unknown as FeedbackApi;
  return { api, calls };
}

describe('the shell’s deferred antd App API', () => {
  it('queues calls made before antd’s <App> loads, asks for it once, and runs them in order when it is attached', async () => {
    let requested = 0;
    const { api, attach } = deferredFeedback(() => requested++);
    const real = recordingApi();

    void api.message.success('已保存');
    api.modal.confirm({ title: '确定删除？' });
    api.notification.open({ title: '新消息' });
    expect(requested).toBeGreaterThan(0);
    expect(real.calls).toEqual([]);

    attach(real.api);
    await Promise.resolve();
    expect(real.calls).toEqual(['message.success 已保存', 'modal.confirm 确定删除？', 'notification.open 新消息']);
  });

  it('calls the real API directly once attached, answering its own handles', () => {
    const { api, attach } = deferredFeedback(() => {
      throw new Error('not asked again once attached');
    });
    const real = recordingApi();
    attach(real.api);
    const close = api.message.error('失败');
    close();
    api.modal.warning({ title: '暂不能删除' }).destroy();
    expect(real.calls).toEqual(['message.error 失败', 'close 失败', 'modal.warning 暂不能删除', 'destroy 暂不能删除']);
  });

  it('lets a queued message be closed and awaited, and a queued modal be destroyed, updated and awaited', async () => {
    const { api, attach } = deferredFeedback(() => undefined);
    const real = recordingApi();
    const message = api.message.loading('正在导出');
    message();
    const closed = Promise.resolve(message);
    const modal = api.modal.confirm({ title: 'ok?' });
    modal.update({ title: 'ok?' });
    modal.destroy();
    const confirmed = modal.then(
      (answer) => answer,
      () => undefined,
    );

    attach(real.api);
    expect(await closed).toBe(true);
    expect(await confirmed).toBe(true);
    expect(real.calls).toEqual(['message.loading 正在导出', 'modal.confirm ok?', 'close 正在导出', 'update ok?', 'destroy ok?']);
  });
});
