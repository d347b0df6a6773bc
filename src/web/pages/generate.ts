/**
 * The generators' page: GET /generate shows three forms (SPF record, DMARC record, DKIM key); each form's
 * result appears in its own card, with the record in a copy box and the builder's notes worded as checks.
 * SPF and DMARC forms are GETs (a result is a link); the DKIM form is a POST, so the private key never
 * sits in a URL, a history or a log. The key is shown once, with a warning, and kept nowhere. Pure: data
 * in, markup out; every value reaches the page through the `html` template.
 */
import type { DomainProblem } from '../../audit/target.js';
import type { DmarcBuildProblem } from '../../generate/dmarc.js';
import type { DkimKeyRequestProblem } from '../../generate/dkim.js';
import { SPF_PROVIDERS } from '../../generate/spf.js';
import { uiText } from '../../i18n/index.js';
import type { DkimDocument, DmarcDocument, SpfDocument } from '../../pipeline/generate.js';
import type { CheckResult, Lang } from '../../report/types.js';
import { html, type SafeHtml } from '../html.js';
import { copyFromButton, recordBox } from './components.js';
import { DOMAIN_PATH, GENERATE_PATH } from './domain-link.js';
import { domainErrorText } from './domain.js';
import { pageUrl, renderPage } from './layout.js';
import { checkItem } from './report.js';
import { t, type PageKey } from './words.js';

/** Form values as the user gave them (strings and string lists), shown again with the result. */
export type FormValues = Record<string, string | string[] | undefined>;

/** Why a form's request was refused, in the page's words. */
export type GenerateError =
  | { kind: 'rate-limited'; limit: number; retryAfterSeconds: number }
  | { kind: 'field'; field: string }
  | { kind: 'spf'; problems: CheckResult[] }
  | { kind: 'dmarc'; problems: DmarcBuildProblem[]; values: FormValues }
  | { kind: 'dkim'; problem: DkimKeyRequestProblem; values: FormValues };

export interface GeneratePage {
  lang: Lang;
  reportTtlDays: number;
  spf?: { values: FormValues; document?: SpfDocument; error?: GenerateError };
  dmarc?: { values: FormValues; document?: DmarcDocument; error?: GenerateError };
  dkim?: { values: FormValues; document?: DkimDocument; error?: GenerateError };
}

const text = (values: FormValues | undefined, name: string): string => {
  const value = values?.[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
};
const listed = (values: FormValues | undefined, name: string): string[] => {
  const value = values?.[name];
  return Array.isArray(value) ? value : value ? [value] : [];
};
const checked = (on: boolean) => (on ? html`checked` : '');
const selected = (on: boolean) => (on ? html`selected` : '');
const isOn = (values: FormValues | undefined, name: string) =>
  /^(?:1|on|true|yes)$/i.test(text(values, name));

function dmarcProblemText(problem: DmarcBuildProblem, lang: Lang, values: FormValues): string {
  switch (problem.reason) {
    case 'bad-domain':
      return domainErrorText(
        { kind: 'domain', input: text(values, 'domain'), problem: problem.problem as DomainProblem },
        lang,
      );
    case 'bad-value':
    case 'not-a-list':
      return t(lang, 'generateBadValue', {
        field: problem.field,
        value: 'value' in problem ? problem.value : '',
      });
    case 'too-many':
      return t(lang, 'generateTooManyAddresses', { field: problem.field, max: problem.max });
    case 'bad-address':
      return t(lang, 'generateBadAddress', { field: problem.field, value: problem.value });
    case 'name-too-long':
      return t(lang, 'generateNameTooLong', { value: problem.value });
  }
}

function errorBox(error: GenerateError | undefined, lang: Lang, id: string): SafeHtml {
  if (!error) return html``;
  let lines: string[];
  switch (error.kind) {
    case 'rate-limited':
      lines = [t(lang, 'generateRateLimited', { limit: error.limit, seconds: error.retryAfterSeconds })];
      break;
    case 'field':
      lines = [t(lang, 'generateBadField', { field: error.field })];
      break;
    case 'spf':
      lines = error.problems.map((problem) => problem.detail);
      break;
    case 'dmarc':
      lines = error.problems.map((problem) => dmarcProblemText(problem, lang, error.values));
      break;
    case 'dkim':
      lines = [
        error.problem === 'bad-domain'
          ? t(lang, 'domainBadNotADomain', { input: text(error.values, 'domain') })
          : error.problem === 'bad-selector'
            ? t(lang, 'domainBadSelector', { selector: text(error.values, 'selector') })
            : t(lang, 'generateBadKeyType'),
      ];
      break;
  }
  return html`<div class="problem-box" id="${id}" role="alert">
    ${lines.map((line) => html`<p>${line}</p>`)}
  </div>`;
}

function notesList(notes: CheckResult[], lang: Lang): SafeHtml {
  if (!notes.length) return html``;
  return html`<h3>${t(lang, 'generateNotesHeading')}</h3>
    <ul class="checks">
      ${notes.map((note) => checkItem(note, [], lang))}
    </ul>`;
}

const textInput = (id: string, name: string, value: string, placeholder: string, extra: SafeHtml | '' = '') =>
  html`<input
    id="${id}"
    class="field"
    name="${name}"
    type="text"
    value="${value}"
    placeholder="${placeholder}"
    maxlength="1000"
    autocomplete="off"
    autocapitalize="off"
    spellcheck="false"
    ${extra}
  />`;

// ---- SPF ----

const STATUS_WORDS = {
  included: 'generateIncludeIncluded',
  flattened: 'generateIncludeFlattened',
  dropped: 'generateIncludeDropped',
  temperror: 'generateIncludeTemperror',
} as const;

function spfResult(document: SpfDocument, values: FormValues, lang: Lang): SafeHtml {
  const domain = text(values, 'domain');
  const over = document.lookups > 10;
  return html`<div class="gen-result" data-result="spf" data-record="${document.record}">
    <h3>${t(lang, 'generateResult')}</h3>
    <p>
      ${domain ? t(lang, 'generateRecordAt', { name: domain }) : uiText('generateSpfHeadingNoDomain', lang)}
    </p>
    ${recordBox(document.zoneValue, lang)}
    <p class="${over ? 'listed' : ''}" data-lookups="${document.lookups}">
      ${uiText(document.complete ? 'generateSpfLookups' : 'generateSpfLookupsAtLeast', lang, { lookups: document.lookups })}
    </p>
    ${
      document.includes.length > 0 &&
      html`<table class="table">
        <thead>
          <tr>
            <th scope="col">${t(lang, 'generateIncludeColumn')}</th>
            <th scope="col">${t(lang, 'generateLookupsColumn')}</th>
            <th scope="col">${t(lang, 'generateStatusColumn')}</th>
          </tr>
        </thead>
        <tbody>
          ${document.includes.map(
            (include) =>
              html`<tr data-include="${include.domain}" data-status="${include.status}">
                <td><code>include:${include.domain}</code></td>
                <td>${include.lookups}</td>
                <td>${uiText(STATUS_WORDS[include.status], lang)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    }
    ${notesList(document.notes, lang)}
  </div>`;
}

function spfCard(page: GeneratePage): SafeHtml {
  const { lang } = page;
  const values = page.spf?.values;
  const services = new Set(listed(values, 'services'));
  const hard = text(values, 'all') === '-' || text(values, 'all') === 'fail';
  return html`<section class="card" id="spf" aria-labelledby="spf-heading">
    <h2 id="spf-heading">${t(lang, 'generateSpfHeading')}</h2>
    <div class="card-body">
      <p>${t(lang, 'generateSpfLead')}</p>
      <form method="get" action="${GENERATE_PATH}/spf#spf" class="gen-form" data-generate-form="spf">
        <input type="hidden" name="lang" value="${lang}" />
        <label for="spf-domain">${t(lang, 'generateDomainOptional')}</label>
        ${textInput('spf-domain', 'domain', text(values, 'domain'), t(lang, 'domainPlaceholder'))}
        <fieldset>
          <legend>${t(lang, 'generateServicesLabel')}</legend>
          <div class="choices">
            ${SPF_PROVIDERS.map(
              (provider) =>
                html`<label
                  ><input
                    type="checkbox"
                    name="services"
                    value="${provider.id}"
                    ${checked(services.has(provider.id))}
                  />
                  ${provider.name}</label
                >`,
            )}
          </div>
        </fieldset>
        <label for="spf-addresses">${t(lang, 'generateAddressesLabel')}</label>
        ${textInput('spf-addresses', 'addresses', text(values, 'addresses'), t(lang, 'generateAddressesPlaceholder'))}
        <label for="spf-includes">${t(lang, 'generateIncludesLabel')}</label>
        ${textInput('spf-includes', 'includes', text(values, 'includes'), t(lang, 'generateIncludesPlaceholder'))}
        <fieldset>
          <legend>${t(lang, 'generateOwnHosts')}</legend>
          <div class="choices">
            <label
              ><input type="checkbox" name="a" value="1" ${checked(isOn(values, 'a'))} />
              ${t(lang, 'generateALabel')}</label
            >
            <label
              ><input type="checkbox" name="mx" value="1" ${checked(isOn(values, 'mx'))} />
              ${t(lang, 'generateMxLabel')}</label
            >
          </div>
        </fieldset>
        <fieldset>
          <legend>${t(lang, 'generateAllLabel')}</legend>
          <div class="choices">
            <label
              ><input type="radio" name="all" value="~" ${checked(!hard)} />
              ${t(lang, 'generateAllSoft')}</label
            >
            <label
              ><input type="radio" name="all" value="-" ${checked(hard)} />
              ${t(lang, 'generateAllFail')}</label
            >
          </div>
        </fieldset>
        <button type="submit" class="button">${t(lang, 'generateSpfSubmit')}</button>
      </form>
      ${errorBox(page.spf?.error, lang, 'spf-error')}
      ${page.spf?.document && spfResult(page.spf.document, page.spf.values, lang)}
    </div>
  </section>`;
}

// ---- DMARC ----

const POLICY_WORDS: ReadonlyArray<readonly [string, PageKey]> = [
  ['none', 'generatePolicyNone'],
  ['quarantine', 'generatePolicyQuarantine'],
  ['reject', 'generatePolicyReject'],
];

function policySelect(id: string, name: string, current: string, lang: Lang): SafeHtml {
  return html`<select id="${id}" name="${name}">
    <option value="" ${selected(!current)}>${t(lang, 'generateSameAsPolicy')}</option>
    ${POLICY_WORDS.map(([value, key]) => html`<option value="${value}" ${selected(current === value)}>${t(lang, key)}</option>`)}
  </select>`;
}

function alignmentChoice(name: string, current: string, lang: Lang): SafeHtml {
  const strict = current === 's' || current === 'strict';
  return html`<div class="choices">
    <label
      ><input type="radio" name="${name}" value="r" ${checked(!strict)} />
      ${t(lang, 'generateRelaxed')}</label
    >
    <label
      ><input type="radio" name="${name}" value="s" ${checked(strict)} /> ${t(lang, 'generateStrict')}</label
    >
  </div>`;
}

function dmarcResult(document: DmarcDocument, lang: Lang): SafeHtml {
  return html`<div class="gen-result" data-result="dmarc" data-record="${document.record}">
    <h3>${t(lang, 'generateResult')}</h3>
    <p>${t(lang, 'generateRecordAt', { name: document.name })}</p>
    ${recordBox(document.value, lang)}
    ${
      document.authorizations.length > 0 &&
      html`<h3>${t(lang, 'generateAuthorizationsHeading')}</h3>
        ${document.authorizations.map((a) => recordBox(`${a.name}. IN TXT "${a.record}"`, lang))}`
    }
    ${notesList(document.notes, lang)}
  </div>`;
}

function dmarcCard(page: GeneratePage): SafeHtml {
  const { lang } = page;
  const values = page.dmarc?.values;
  const policy = text(values, 'policy') || 'none';
  return html`<section class="card" id="dmarc" aria-labelledby="dmarc-heading">
    <h2 id="dmarc-heading">${t(lang, 'generateDmarcHeading')}</h2>
    <div class="card-body">
      <p>${t(lang, 'generateDmarcLead')}</p>
      <form method="get" action="${GENERATE_PATH}/dmarc#dmarc" class="gen-form" data-generate-form="dmarc">
        <input type="hidden" name="lang" value="${lang}" />
        <label for="dmarc-domain">${t(lang, 'domainLabel')}</label>
        ${textInput('dmarc-domain', 'domain', text(values, 'domain'), t(lang, 'domainPlaceholder'), html`required`)}
        <fieldset>
          <legend>${t(lang, 'generatePolicyLabel')}</legend>
          <div class="choices">
            ${POLICY_WORDS.map(
              ([value, key]) =>
                html`<label
                  ><input type="radio" name="policy" value="${value}" ${checked(policy === value)} />
                  ${t(lang, key)}</label
                >`,
            )}
          </div>
        </fieldset>
        <label for="dmarc-sp">${t(lang, 'generateSpLabel')}</label>
        ${policySelect('dmarc-sp', 'subdomainPolicy', text(values, 'subdomainPolicy'), lang)}
        <label for="dmarc-np">${t(lang, 'generateNpLabel')}</label>
        ${policySelect('dmarc-np', 'nonexistentPolicy', text(values, 'nonexistentPolicy'), lang)}
        <fieldset>
          <legend>${t(lang, 'generateAspfLabel')}</legend>
          ${alignmentChoice('aspf', text(values, 'aspf'), lang)}
        </fieldset>
        <fieldset>
          <legend>${t(lang, 'generateAdkimLabel')}</legend>
          ${alignmentChoice('adkim', text(values, 'adkim'), lang)}
        </fieldset>
        <label for="dmarc-rua">${t(lang, 'generateRuaLabel')}</label>
        ${textInput('dmarc-rua', 'rua', text(values, 'rua'), t(lang, 'generateMailboxPlaceholder'))}
        <label for="dmarc-ruf">${t(lang, 'generateRufLabel')}</label>
        ${textInput('dmarc-ruf', 'ruf', text(values, 'ruf'), t(lang, 'generateMailboxPlaceholder'))}
        <div class="choices">
          <label
            ><input type="checkbox" name="testing" value="1" ${checked(isOn(values, 'testing'))} />
            ${t(lang, 'generateTestingLabel')}</label
          >
        </div>
        <button type="submit" class="button">${t(lang, 'generateDmarcSubmit')}</button>
      </form>
      ${errorBox(page.dmarc?.error, lang, 'dmarc-error')}
      ${page.dmarc?.document && dmarcResult(page.dmarc.document, lang)}
    </div>
  </section>`;
}

// ---- DKIM ----

function dkimResult(document: DkimDocument, lang: Lang): SafeHtml {
  return html`<div class="gen-result" data-result="dkim">
    <h3>${t(lang, 'generateResult')}</h3>
    <p class="secret-warning" role="alert">${t(lang, 'generateDkimWarning')}</p>
    <p><strong>${t(lang, 'generatePrivateKeyLabel')}</strong> ${copyFromButton('dkim-private-key', lang)}</p>
    <pre class="private-key" id="dkim-private-key">${document.privateKeyPem}</pre>
    <p>${t(lang, 'generateRecordAt', { name: document.name })}</p>
    ${recordBox(document.publicRecord, lang)}
    <p>${t(lang, 'generateZoneLineLabel')}</p>
    ${recordBox(document.zoneLine, lang)} ${notesList(document.notes, lang)}
  </div>`;
}

function dkimCard(page: GeneratePage): SafeHtml {
  const { lang } = page;
  const values = page.dkim?.values;
  const ed25519 = text(values, 'type') === 'ed25519';
  return html`<section class="card" id="dkim" aria-labelledby="dkim-heading">
    <h2 id="dkim-heading">${t(lang, 'generateDkimHeading')}</h2>
    <div class="card-body">
      <p>${t(lang, 'generateDkimLead')}</p>
      <form
        method="post"
        action="${`${GENERATE_PATH}/dkim?lang=${lang}#dkim`}"
        class="gen-form"
        data-generate-form="dkim"
      >
        <label for="dkim-domain">${t(lang, 'domainLabel')}</label>
        ${textInput('dkim-domain', 'domain', text(values, 'domain'), t(lang, 'domainPlaceholder'), html`required`)}
        <label for="dkim-selector">${t(lang, 'generateSelectorLabel')}</label>
        ${textInput('dkim-selector', 'selector', text(values, 'selector'), t(lang, 'generateSelectorPlaceholder'), html`required`)}
        <fieldset>
          <legend>${t(lang, 'generateKeyTypeLabel')}</legend>
          <div class="choices">
            <label
              ><input type="radio" name="type" value="rsa-2048" ${checked(!ed25519)} />
              ${t(lang, 'generateKeyRsa')}</label
            >
            <label
              ><input type="radio" name="type" value="ed25519" ${checked(ed25519)} />
              ${t(lang, 'generateKeyEd25519')}</label
            >
          </div>
        </fieldset>
        <button type="submit" class="button">${t(lang, 'generateDkimSubmit')}</button>
      </form>
      ${errorBox(page.dkim?.error, lang, 'dkim-error')}
      ${page.dkim?.document && dkimResult(page.dkim.document, lang)}
    </div>
  </section>`;
}

export function renderGeneratePage(page: GeneratePage): SafeHtml {
  const { lang } = page;
  const body = html`<section class="hero">
      <h1>${t(lang, 'generateTitle')}</h1>
      <p class="lead">${t(lang, 'generateLead')}</p>
      <p class="note">
        <a href="${pageUrl(DOMAIN_PATH, lang)}" data-domain-link>${t(lang, 'generateAuditLink')}</a>
      </p>
    </section>
    ${spfCard(page)} ${dmarcCard(page)} ${dkimCard(page)}`;
  return renderPage({
    lang,
    title: t(lang, 'generateTitle'),
    path: GENERATE_PATH,
    reportTtlDays: page.reportTtlDays,
    body,
  });
}
