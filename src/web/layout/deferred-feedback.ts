import type { useAppProps } from 'antd/es/app/context';
import type { MessageType, TypeOpen } from 'antd/es/message/interface';
import type { HookAPI as ModalHookAPI } from 'antd/es/modal/useModal';
import type { NotificationInstance } from 'antd/es/notification/interface';

/** What `App.useApp()` answers: antd's message, modal and notification API. */
export type FeedbackApi = useAppProps;
type ModalHandle = ReturnType<ModalHookAPI['confirm']>;

/**
 * antd's message / modal / notification API before antd's <App> has loaded. The signed-in shell provides this object
 * as antd's App context (layout/FeedbackProvider.tsx), so pages keep calling `App.useApp()`, while <App> itself
 * (message, Modal, notification and the form code Modal pulls in, about 35 KB gzipped) stays off the first screen.
 * A call made before `attach` is queued, asks for the real API (`requestHost`), and runs once it is attached; the
 * handle it answers at once (a message's close function and promise, a modal's destroy/update/then) acts on the real
 * one when it exists. Every call after `attach` goes straight to the real API.
 */
export function deferredFeedback(requestHost: () => void): { api: FeedbackApi; attach: (real: FeedbackApi) => void } {
  let real: FeedbackApi | null = null;
  let queue: Array<(api: FeedbackApi) => void> = [];

  // the value is boxed: a message's handle is itself a thenable, which a promise would otherwise wait for
  const later = <T>(run: (api: FeedbackApi) => T): Promise<{ value: T }> =>
    new Promise((resolve) => {
      queue.push((api) => resolve({ value: run(api) }));
      requestHost();
    });

  const messageHandle = (pending: Promise<{ value: MessageType }>): MessageType =>
    Object.assign(
      () => {
        void pending.then(({ value }) => value());
      },
      {
        then: <R1 = boolean, R2 = never>(
          onFulfilled?: ((closed: boolean) => R1 | PromiseLike<R1>) | null,
          onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
        ) => pending.then(({ value }) => value).then(onFulfilled, onRejected),
      },
    );

  const modalHandle = (pending: Promise<{ value: ModalHandle }>): ModalHandle => ({
    destroy: () => {
      void pending.then(({ value }) => value.destroy());
    },
    update: (config) => {
      void pending.then(({ value }) => value.update(config));
    },
    then: (resolve, reject) => pending.then(({ value }) => value.then(resolve, reject)),
  });

  const messageOpen =
    (kind: 'info' | 'success' | 'error' | 'warning' | 'loading'): TypeOpen =>
    (...args) =>
      real ? real.message[kind](...args) : messageHandle(later((api) => api.message[kind](...args)));
  const modalOpen =
    (kind: 'info' | 'success' | 'error' | 'warning' | 'confirm') =>
    (...args: Parameters<ModalHookAPI['confirm']>): ModalHandle =>
      real ? real.modal[kind](...args) : modalHandle(later((api) => api.modal[kind](...args)));
  const notificationOpen =
    (kind: 'success' | 'error' | 'info' | 'warning' | 'open') =>
    (...args: Parameters<NotificationInstance['open']>): void => {
      if (real) real.notification[kind](...args);
      else void later((api) => api.notification[kind](...args));
    };

  const api: FeedbackApi = {
    message: {
      info: messageOpen('info'),
      success: messageOpen('success'),
      error: messageOpen('error'),
      warning: messageOpen('warning'),
      loading: messageOpen('loading'),
      open: (...args) => (real ? real.message.open(...args) : messageHandle(later((a) => a.message.open(...args)))),
      destroy: (...args) => {
        if (real) real.message.destroy(...args);
        else void later((a) => a.message.destroy(...args));
      },
    },
    modal: { info: modalOpen('info'), success: modalOpen('success'), error: modalOpen('error'), warning: modalOpen('warning'), confirm: modalOpen('confirm') },
    notification: {
      success: notificationOpen('success'),
      error: notificationOpen('error'),
      info: notificationOpen('info'),
      warning: notificationOpen('warning'),
      open: notificationOpen('open'),
      destroy: (...args) => {
        if (real) real.notification.destroy(...args);
        else void later((a) => a.notification.destroy(...args));
      },
    },
  };

  const attach = (next: FeedbackApi) => {
    real = next;
    const waiting = queue;
    queue = [];
    for (const run of waiting) run(next);
  };
  return { api, attach };
}
