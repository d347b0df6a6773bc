/**
 * The report's spam filter section: which engine judged the content, its score against its threshold, and
 * every rule that fired with its points and description — costs first, bonuses (negative points) last and
 * marked as such. Rule names and descriptions come from the filter: they are data, escaped like all data.
 */
import type { Lang, SpamFilterResult } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { formatPoints, t, type PageKey } from './words.js';

/** The engine as people know it: the products by their names, our own rules in words. */
const engineName = (engine: SpamFilterResult['engine'], lang: Lang): string =>
  engine === 'spamassassin'
    ? 'SpamAssassin'
    : engine === 'rspamd'
      ? 'rspamd'
      : t(lang, 'spamFilterEngineBuiltin');

const RSPAMD_ACTION_WORDS: Record<string, PageKey> = {
  'no action': 'rspamdActionNoAction',
  greylist: 'rspamdActionGreylist',
  'add header': 'rspamdActionAddHeader',
  'rewrite subject': 'rspamdActionRewriteSubject',
  'soft reject': 'rspamdActionSoftReject',
  reject: 'rspamdActionReject',
};

/** A rule's points with their sign, as precise as the engine gave them (at most three decimals). */
export function formatRulePoints(score: number): string {
  const text = String(Math.round(Math.abs(score) * 1000) / 1000);
  if (score > 0) return `+${text}`;
  if (score < 0) return `−${text}`;
  return '0';
}

const pointsClass = (score: number) => (score > 0 ? 'cost' : score < 0 ? 'bonus' : 'zero');

function ruleRow(rule: SpamFilterResult['rules'][number], lang: Lang): SafeHtml {
  const kind = pointsClass(rule.score);
  return html`<tr data-rule="${rule.name}" data-points="${kind}">
    <td><code>${rule.name}</code></td>
    <td class="rule-points ${kind}">
      ${formatRulePoints(rule.score)}${kind === 'bonus' && html` <span class="note">${t(lang, 'spamFilterBonus')}</span>`}
    </td>
    <td>${rule.description}</td>
  </tr>`;
}

export function spamFilterSection(spamFilter: SpamFilterResult | null, lang: Lang): SafeHtml {
  if (!spamFilter) return html``;
  const engine = engineName(spamFilter.engine, lang);
  const action = spamFilter.action;
  const actionKey = action === undefined ? undefined : RSPAMD_ACTION_WORDS[action];
  return html`<section
    class="card"
    aria-labelledby="spam-filter-heading"
    data-spam-filter="${spamFilter.engine}"
  >
    <h2 id="spam-filter-heading">${t(lang, 'spamFilterHeading', { engine })}</h2>
    <div class="card-body">
      <p>
        ${t(lang, 'spamFilterScore', {
          score: formatPoints(spamFilter.score),
          threshold: formatPoints(spamFilter.threshold),
        })}
      </p>
      ${
        action !== undefined &&
        html`<p>${t(lang, 'spamFilterAction', { action: actionKey ? t(lang, actionKey) : action })}</p>`
      }
      ${
        spamFilter.rules.length > 0
          ? html`<table class="table">
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'spamFilterRuleColumn')}</th>
                    <th scope="col">${t(lang, 'spamFilterPointsColumn')}</th>
                    <th scope="col">${t(lang, 'spamFilterDescriptionColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${spamFilter.rules.map((rule) => ruleRow(rule, lang))}
                </tbody>
              </table>
              <p class="note">${t(lang, 'spamFilterLegend')}</p>`
          : html`<p class="note">${t(lang, 'spamFilterNoRules')}</p>`
      }
    </div>
  </section>`;
}
