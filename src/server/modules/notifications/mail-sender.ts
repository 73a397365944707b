import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSettings } from '../../config';

/** E-mail through the configured SMTP server (nodemailer); one connection pool per delivery run. */
export class MailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: MailSettings,
    private readonly publicUrl: string,
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  async send(to: string, notice: { title: string; body: string; link: string | null }): Promise<void> {
    const lines = [notice.body, ''];
    if (notice.link) lines.push(`详情：${this.publicUrl}${notice.link}`, '');
    lines.push('本邮件由江苏省企业首席质量官信息管理系统发送，为正式通知，请勿直接回复。');
    try {
      await this.transport.sendMail({ from: this.settings.from, to, subject: notice.title, text: lines.join('\n') });
    } catch (err) {
      const code = (err as { responseCode?: number; code?: string }).responseCode ?? (err as { code?: string }).code ?? 'error';
      throw new Error(`邮件服务器未接收：${String(code)}`, { cause: err });
    }
  }

  close(): void {
    this.transport.close();
  }
}
