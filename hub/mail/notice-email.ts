// A plain notice the hub mails by itself, not on anyone's request (issue
// 13.2: an access that ends soon, or has ended): a subject and paragraphs.
import { escapeHtml } from '../server/http-helpers';

export interface NoticeEmail {
  to: string;
  subject: string;
  paragraphs: string[];
}

export function noticeEmailContent(email: NoticeEmail): { subject: string; text: string; html: string } {
  return {
    subject: email.subject,
    text: email.paragraphs.join('\n\n'),
    html: email.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join(''),
  };
}
