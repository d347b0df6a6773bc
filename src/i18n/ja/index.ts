import type { CheckText } from '../types.js';
import type { CheckId } from '../../scoring/deductions.js';
import { envelope } from './envelope.js';
import { inspect } from './inspect.js';
import { spf } from './spf.js';
import { senderId } from './sender-id.js';
import { dkim } from './dkim.js';
import { dmarc } from './dmarc.js';
import { arc } from './arc.js';
import { iprev } from './iprev.js';
import { helo } from './helo.js';
import { tls } from './tls.js';
import { alignment } from './alignment.js';
import { format } from './format.js';
import { spamFilter } from './spam-filter.js';
import { content } from './content.js';
import { links } from './links.js';
import { attachments } from './attachments.js';
import { unsubscribe } from './unsubscribe.js';
import { blocklists } from './blocklists.js';
import { mx } from './mx.js';
import { mtaSts } from './mta-sts.js';
import { tlsRpt } from './tls-rpt.js';
import { bimi } from './bimi.js';
import { dnssec } from './dnssec.js';
import { ui } from './ui.js';

export const checks: Record<CheckId, CheckText> = {
  ...envelope,
  ...inspect,
  ...spf,
  ...senderId,
  ...dkim,
  ...dmarc,
  ...arc,
  ...iprev,
  ...helo,
  ...tls,
  ...alignment,
  ...format,
  ...spamFilter,
  ...content,
  ...links,
  ...attachments,
  ...unsubscribe,
  ...blocklists,
  ...mx,
  ...mtaSts,
  ...tlsRpt,
  ...bimi,
  ...dnssec,
};
export { ui };
