/**
 * The domain audit page's routes. GET /domain shows the form; the form's GET with ?domain= is checked
 * (free) and redirected to /domain/<domain>, the shareable audit URL, which runs the audit under the
 * per-client rate. A refused input or rate shows the form again with the reason (400 / 429).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../report/types.js';
import { auditForClient, checkAuditRequest, type ServiceDomainAudit } from '../../service/domains.js';
import type { ServiceContext } from '../../service/types.js';
import type { SafeHtml } from '../html.js';
import { DOMAIN_PATH, domainAuditPath, domainAuditUrl } from './domain-link.js';
import {
  renderDomainAuditPage,
  renderDomainFormPage,
  type DomainFormError,
  type DomainFormValues,
} from './domain.js';

type SendPage = (reply: FastifyReply, status: number, lang: Lang, page: SafeHtml) => FastifyReply;

/** Longest value read from the query (a domain name is at most 253 characters, an IDN's Unicode form less). */
const MAX_VALUE_CHARS = 300;

/** A query value given once as a string of a sane length; anything else counts as absent. */
export function formValue(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query && Object.hasOwn(query, name) ? query[name] : undefined;
  return typeof value === 'string' && value.length <= MAX_VALUE_CHARS ? value : undefined;
}

function formError(refused: Exclude<ServiceDomainAudit, { ok: true }>, input: string): DomainFormError {
  switch (refused.reason) {
    case 'bad-domain':
      return { kind: 'domain', input, problem: refused.problem };
    case 'bad-selector':
      return { kind: 'selector', problem: refused.problem };
    case 'bad-ip':
      return { kind: 'ip', problem: refused.problem };
    case 'rate-limited':
      return { kind: 'rate-limited', limit: refused.limit, retryAfterSeconds: refused.retryAfterSeconds };
  }
}

export function registerDomainPages(
  pages: FastifyInstance,
  ctx: ServiceContext,
  pageLang: (request: FastifyRequest) => Lang,
  sendPage: SendPage,
): void {
  const reportTtlDays = ctx.config.reportTtlDays;

  pages.get(DOMAIN_PATH, async (request, reply) => {
    const lang = pageLang(request);
    const values: DomainFormValues = {
      domain: formValue(request, 'domain')?.trim() ?? '',
      selectors: formValue(request, 'selector')?.trim() ?? '',
      ip: formValue(request, 'ip')?.trim() ?? '',
    };
    if (!values.domain)
      return sendPage(reply, 200, lang, renderDomainFormPage({ lang, reportTtlDays, values }));
    const checked = checkAuditRequest({
      domain: values.domain,
      selectors: values.selectors ? [values.selectors] : [],
      ip: values.ip || null,
    });
    if (!checked.ok) {
      const error = formError(checked, values.domain);
      const page = renderDomainFormPage({ lang, reportTtlDays, values, error });
      return sendPage(reply, 400, lang, page);
    }
    // 303: the audit gets its own URL (a link to share, a reload that audits again).
    const location = domainAuditUrl(checked.domain, lang, { selectors: checked.selectors, ip: checked.ip });
    return reply.code(303).header('location', location).send();
  });

  pages.get<{ Params: { domain: string } }>(`${DOMAIN_PATH}/:domain`, async (request, reply) => {
    const lang = pageLang(request);
    const input = request.params.domain;
    const selectors = formValue(request, 'selector') ?? '';
    const ip = formValue(request, 'ip') ?? '';
    const values: DomainFormValues = { domain: input, selectors, ip };
    if (!input.trim()) return sendPage(reply, 200, lang, renderDomainFormPage({ lang, reportTtlDays }));
    const audited = await auditForClient(
      ctx,
      request.clientIp,
      { domain: input, selectors: selectors ? [selectors] : [], ip: ip || null },
      lang,
    );
    if (audited.ok) {
      const { audit, findings } = audited.analysis;
      const page = renderDomainAuditPage({
        lang,
        reportTtlDays,
        audit,
        findings,
        selectors: audited.selectors,
        ip: audited.ip,
      });
      return sendPage(reply, 200, lang, page);
    }
    const error = formError(audited, input);
    const path = domainAuditPath(input);
    if (audited.reason === 'rate-limited') reply.header('retry-after', String(audited.retryAfterSeconds));
    const status = audited.reason === 'rate-limited' ? 429 : 400;
    return sendPage(reply, status, lang, renderDomainFormPage({ lang, reportTtlDays, values, error, path }));
  });
}
