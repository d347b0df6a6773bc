/**
 * The "Gmail / Yahoo / Outlook.com sender requirements" section: each rule with met / not met / not judged,
 * what was found, and each provider's reason for it. Pure: report in, markup out; words from the catalogs.
 */
import { requirements as en } from '../../i18n/en/requirements.js';
import { fill } from '../../i18n/index.js';
import { requirements as ja } from '../../i18n/ja/requirements.js';
import type { RequirementCatalog } from '../../report/requirements.js';
import type { Lang, Provider, Report, SenderRequirement } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { t, type PageKey } from './words.js';

const CATALOGS: Record<Lang, RequirementCatalog> = { en, ja };

const STATUS_BADGE: Record<SenderRequirement['status'], { badge: string; word: PageKey }> = {
  pass: { badge: 'pass', word: 'requirementMet' },
  fail: { badge: 'fail', word: 'requirementNotMet' },
  na: { badge: 'info', word: 'requirementNotJudged' },
};

/** Brand names: the same in every language, so not in the catalogs. */
const PROVIDER_NAMES: Record<Provider, string> = {
  gmail: 'Gmail',
  yahoo: 'Yahoo',
  outlook: 'Outlook.com',
};

/** The rule's values as shown: format faults by their check titles (already in the report's language). */
function shownParams(rule: SenderRequirement, report: Report): SenderRequirement['params'] {
  const faults = rule.params.faults;
  if (!Array.isArray(faults)) return rule.params;
  const titleOf = (id: string) => report.checks.find((c) => c.id === id)?.title ?? id;
  return { ...rule.params, faults: faults.map(titleOf) };
}

function requirementItem(rule: SenderRequirement, report: Report, lang: Lang): SafeHtml {
  // Only what the catalog knows: a report stored by another version may carry ids or codes it lacks.
  const text = Object.hasOwn(CATALOGS[lang], rule.id) ? CATALOGS[lang][rule.id] : undefined;
  if (!text) return html``;
  const reasons = text.reasons as Record<string, string>;
  const reason = Object.hasOwn(reasons, rule.reason) ? reasons[rule.reason] : undefined;
  const status = STATUS_BADGE[rule.status] ?? STATUS_BADGE.na;
  const providers = rule.providers.filter((p) => Object.hasOwn(PROVIDER_NAMES, p));
  const why = providers.filter((p) => text.why[p]);
  return html`<li class="check" data-requirement="${rule.id}" data-status="${rule.status}">
    <div class="check-head">
      <span class="badge ${status.badge}">${t(lang, status.word)}</span
      ><span class="check-title">${text.title}</span
      ><span class="note">${providers.map((p) => PROVIDER_NAMES[p]).join(' · ')}</span>
    </div>
    ${reason && html`<p class="check-detail">${fill(reason, shownParams(rule, report), lang)}</p>`}
    ${
      why.length > 0 &&
      html`<details class="note" ${rule.status === 'fail' ? html` open` : ''}>
        <summary>${t(lang, 'requirementsWhy')}</summary>
        <dl class="facts">
          ${why.map(
            (p) =>
              html`<dt>${PROVIDER_NAMES[p]}</dt>
                <dd>${text.why[p]}</dd>`,
          )}
        </dl>
      </details>`
    }
  </li>`;
}

function bulkNote(report: Report, lang: Lang): string {
  const req = report.requirements!;
  if (req.marketing) return t(lang, 'requirementsMarketing', { signals: req.signals });
  if (req.bulk) return t(lang, 'requirementsBulkSender', { signals: req.signals });
  return t(lang, 'requirementsNotBulk');
}

const count = (rules: SenderRequirement[], status: SenderRequirement['status']) =>
  rules.filter((r) => r.status === status).length;

/** The section; nothing for reports made before the requirements existed. */
export function requirementsCard(report: Report, lang: Lang): SafeHtml {
  const requirements = report.requirements;
  if (!requirements) return html``;
  const { rules } = requirements;
  const group = (scope: SenderRequirement['scope'], heading: PageKey) => {
    const inScope = rules.filter((r) => r.scope === scope);
    return (
      inScope.length > 0 &&
      html`<h3>${t(lang, heading)}</h3>
        <ul class="checks">
          ${inScope.map((r) => requirementItem(r, report, lang))}
        </ul>`
    );
  };
  return html`<section class="card" aria-labelledby="requirements-heading" data-requirements>
    <h2 class="category-head">
      <span id="requirements-heading">${t(lang, 'requirementsHeading')}</span
      ><span class="category-total${count(rules, 'fail') === 0 ? ' zero' : ''}"
        >${t(lang, 'requirementsCounts', {
          met: count(rules, 'pass'),
          notMet: count(rules, 'fail'),
          na: count(rules, 'na'),
        })}</span
      >
    </h2>
    <div class="card-body">
      <p>${bulkNote(report, lang)}</p>
      <p class="note">${t(lang, 'requirementsSource')}</p>
    </div>
    ${group('all', 'requirementsAll')} ${group('bulk', 'requirementsBulk')}
  </section>`;
}
