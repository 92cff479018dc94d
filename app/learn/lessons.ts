/**
 * The course: every lesson of content/lessons/ in order, with its metadata and its compiled MDX
 * component (MDX is compiled at build time; lessons import nothing but the project's components).
 */
import type { ComponentType } from 'react';
import L01, { meta as L01meta } from '@/content/lessons/01-what-is-sip.mdx';
import L02, { meta as L02meta } from '@/content/lessons/02-sip-uris.mdx';
import L03, { meta as L03meta } from '@/content/lessons/03-user-agents.mdx';
import L04, { meta as L04meta } from '@/content/lessons/04-proxy-servers.mdx';
import L05, { meta as L05meta } from '@/content/lessons/05-registrar.mdx';
import L06, { meta as L06meta } from '@/content/lessons/06-redirect-server.mdx';
import L07, { meta as L07meta } from '@/content/lessons/07-message-anatomy.mdx';
import L08, { meta as L08meta } from '@/content/lessons/08-requests.mdx';
import L09, { meta as L09meta } from '@/content/lessons/09-responses.mdx';
import L10, { meta as L10meta } from '@/content/lessons/10-transactions.mdx';
import L11, { meta as L11meta } from '@/content/lessons/11-dialogs.mdx';
import L12, { meta as L12meta } from '@/content/lessons/12-registration.mdx';
import L13, { meta as L13meta } from '@/content/lessons/13-invitation.mdx';
import L14, { meta as L14meta } from '@/content/lessons/14-termination.mdx';
import L15, { meta as L15meta } from '@/content/lessons/15-record-routing.mdx';
import L16, { meta as L16meta } from '@/content/lessons/16-subscription-notification.mdx';
import L17, { meta as L17meta } from '@/content/lessons/17-instant-messages.mdx';

export interface LessonMeta {
  title: string;
  slug: string;
  order: number;
  summary: string;
  rfc?: string[];
}

export interface Lesson {
  file: string;
  meta: LessonMeta;
  Content: ComponentType;
}

export const LESSONS: readonly Lesson[] = [
  { file: '01-what-is-sip.mdx', meta: L01meta, Content: L01 },
  { file: '02-sip-uris.mdx', meta: L02meta, Content: L02 },
  { file: '03-user-agents.mdx', meta: L03meta, Content: L03 },
  { file: '04-proxy-servers.mdx', meta: L04meta, Content: L04 },
  { file: '05-registrar.mdx', meta: L05meta, Content: L05 },
  { file: '06-redirect-server.mdx', meta: L06meta, Content: L06 },
  { file: '07-message-anatomy.mdx', meta: L07meta, Content: L07 },
  { file: '08-requests.mdx', meta: L08meta, Content: L08 },
  { file: '09-responses.mdx', meta: L09meta, Content: L09 },
  { file: '10-transactions.mdx', meta: L10meta, Content: L10 },
  { file: '11-dialogs.mdx', meta: L11meta, Content: L11 },
  { file: '12-registration.mdx', meta: L12meta, Content: L12 },
  { file: '13-invitation.mdx', meta: L13meta, Content: L13 },
  { file: '14-termination.mdx', meta: L14meta, Content: L14 },
  { file: '15-record-routing.mdx', meta: L15meta, Content: L15 },
  { file: '16-subscription-notification.mdx', meta: L16meta, Content: L16 },
  { file: '17-instant-messages.mdx', meta: L17meta, Content: L17 },
].sort((a, b) => a.meta.order - b.meta.order);

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((l) => l.meta.slug === slug);
}
