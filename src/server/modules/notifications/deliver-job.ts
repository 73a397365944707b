import { redactText } from '../../audit/redact';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import type { JobContext } from '../../jobs/runner';
import { MailSender } from './mail-sender';
import { SmsGateway } from './sms-gateway';

/**
 * Sends the pending SMS and e-mail deliveries of one notice. Each delivery's outcome is written in its own step
 * (attempts, status, the last error with numbers masked); when some failed and the job has attempts left, the job
 * fails so the runner retries it with backoff, and only what is still pending is sent again. On the last attempt
 * the remaining failures are final. Delivery is at least once: a crash between sending and recording sends again.
 */
export function deliverHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const rows = await ctx.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('job_id', '=', job.job.id)
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    const lastAttempt = job.job.attempts >= job.job.max_attempts;
    const sms = ctx.config.sms ? new SmsGateway(ctx.config.sms) : undefined;
    const mail = ctx.config.mail && rows.some((r) => r.channel === 'email') ? new MailSender(ctx.config.mail, ctx.config.publicUrl) : undefined;
    let sent = 0;
    let failed = 0;
    try {
      for (const [i, row] of rows.entries()) {
        if (job.signal.aborted) throw job.signal.reason;
        let error: string | null = null;
        try {
          if (!row.address) throw new Error('没有地址');
          if (row.channel === 'sms') {
            if (!sms) throw new Error('未配置短信网关');
            await sms.send(row.address, { title: row.title, content: row.body }, `notice-${row.id}`);
          } else {
            if (!mail) throw new Error('未配置邮件服务器');
            await mail.send(row.address, row);
          }
        } catch (err) {
          error = redactText(err instanceof Error ? err.message : String(err)).slice(0, 500);
        }
        if (error) failed += 1;
        else sent += 1;
        await job.step(async (trx) => {
          await trx
            .updateTable('notification_deliveries')
            .set((eb) => ({
              attempts: eb('attempts', '+', 1),
              status: error ? (lastAttempt ? 'failed' : 'pending') : 'sent',
              last_error: error,
              sent_at: error ? null : clock.now(),
            }))
            .where('id', '=', row.id)
            .execute();
          return { done: i + 1, total: rows.length, checkpoint: null };
        });
      }
    } finally {
      mail?.close();
    }
    if (failed > 0 && !lastAttempt) throw new Error(`${failed} 条通知发送失败，稍后自动重试`);
    return { sent, failed };
  };
}
