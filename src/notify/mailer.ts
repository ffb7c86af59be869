import nodemailer from 'nodemailer';

/** SMTP settings from the environment (SMTP_URL, MAIL_FROM); null means mail stays in the outbox. */
export interface MailConfig {
  /** e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465 */
  smtpUrl: string;
  from: string;
}

export const DEFAULT_MAIL_FROM = 'Offerline <no-reply@offerline.local>';

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${protocol}//"`);
  return { smtpUrl, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM };
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mailer {
  /** False without SMTP: callers hold mail in the outbox instead of queueing delivery. */
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Bounded timeouts: a hung SMTP server must fail the attempt (and let the job retry) well
 * inside the job's lease, or another worker would take the job over and send it twice.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(config: MailConfig | null): Mailer {
  if (!config) {
    return {
      configured: false,
      send: async () => {
        throw new Error('No SMTP server is configured (SMTP_URL); mail is held in the outbox.');
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport({ url: config.smtpUrl, ...TIMEOUTS }, { from: config.from });
  return {
    configured: true,
    async send(mail) {
      const info = await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(mail.attachments?.length ? { attachments: mail.attachments } : {}) });
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transport.close(),
  };
}
