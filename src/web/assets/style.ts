/**
 * The pages' one stylesheet, served as /assets/mailscore.css (a module, so `tsc` ships it with the build).
 * No external fonts or images: system fonts with CJK fallbacks, inline SVG for the dial and icons.
 */
export const STYLE = String.raw`
:root {
  color-scheme: light;
  --ink: #1f2328;
  --muted: #57606a;
  --line: #d0d7de;
  --soft: #f6f8fa;
  --accent: #0b57d0;
  --pass: #1a7f37;
  --info: #0969da;
  --warn: #9a6700;
  --fail: #cf222e;
  --error: #6e7781;
  --band-excellent: #1a7f37;
  --band-good: #4c8f16;
  --band-fair: #b07800;
  --band-poor: #d4580b;
  --band-bad: #cf222e;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK JP", monospace;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Hiragino Sans",
    "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", YuGothic, Meiryo, sans-serif;
  line-height: 1.6;
  color: var(--ink);
  background: #fff;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
/* Japanese: a CJK font first (its punctuation and kana widths), wider leading, phrase-aware line breaks. */
:root:lang(ja) {
  font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI",
    "Yu Gothic", YuGothic, Meiryo, system-ui, sans-serif;
  line-height: 1.8;
}
:lang(ja) {
  line-break: strict;
  word-break: auto-phrase;
}
/* No synthesized (faux) italics for Japanese: emphasis is weight. */
:lang(ja) em, :lang(ja) i, :lang(ja) cite, :lang(ja) address { font-style: normal; }
:lang(ja) em { font-weight: 700; }
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.3; margin: 1.2em 0 0.5em; }
h1 { font-size: clamp(1.5rem, 4vw, 2.1rem); }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.05rem; }
a { color: var(--accent); }
code, pre, .mono { font-family: var(--mono); font-size: 0.92em; }
/* Domains, addresses and records are long unbroken strings: let them wrap anywhere rather than overflow. */
code, .address, .record code, dd, td, .gmail-details, .wrap-anywhere { overflow-wrap: anywhere; word-break: normal; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
.offscreen { position: fixed; left: -9999px; top: 0; }

.site-header, .site-footer, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.site-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding-top: 0.8rem; padding-bottom: 0.8rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.2rem; color: var(--ink); text-decoration: none; }
.brand small { font-weight: 400; color: var(--muted); font-size: 0.8rem; margin-left: 0.5em; }
.lang-switch { display: flex; gap: 0.6rem; font-size: 0.95rem; }
.lang-switch [aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; }
.site-footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; }
.site-footer p { margin: 0.2rem 0; }

.lead { font-size: 1.1rem; color: var(--muted); max-width: 44rem; }
.button { display: inline-block; font: inherit; font-weight: 600; font-size: 1.05rem; padding: 0.7rem 1.4rem; border-radius: 0.5rem; border: 0; background: var(--accent); color: #fff; text-decoration: none; cursor: pointer; }
.button:hover, .button:focus-visible { filter: brightness(1.1); }
.button.secondary { background: var(--soft); color: var(--accent); border: 1px solid var(--line); }
.copy { font: inherit; font-size: 0.85rem; padding: 0.25rem 0.7rem; border-radius: 0.35rem; border: 1px solid var(--line); background: #fff; color: var(--accent); cursor: pointer; white-space: nowrap; flex: none; }
.copy.done { color: var(--pass); border-color: var(--pass); }

.steps { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 0.8rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); counter-reset: step; }
.steps li { counter-increment: step; border: 1px solid var(--line); border-radius: 0.6rem; padding: 0.8rem 1rem 0.8rem 3.2rem; position: relative; }
.steps li::before { content: counter(step); position: absolute; left: 0.9rem; top: 0.8rem; width: 1.7rem; height: 1.7rem; border-radius: 50%; background: var(--accent); color: #fff; font-weight: 700; display: grid; place-items: center; }
.steps strong { display: block; }
.steps span { color: var(--muted); font-size: 0.92rem; }
.features { display: grid; gap: 0.8rem; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); padding: 0; list-style: none; }
.features li { background: var(--soft); border-radius: 0.6rem; padding: 0.8rem 1rem; }
.features strong { display: block; }
.note { color: var(--muted); font-size: 0.92rem; }

.address-box { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; border: 2px solid var(--accent); border-radius: 0.6rem; padding: 0.7rem 1rem; background: #f3f7ff; margin: 0.5rem 0 1rem; }
.address { font-family: var(--mono); font-size: clamp(0.95rem, 2.6vw, 1.25rem); font-weight: 600; flex: 1 1 16rem; min-width: 0; user-select: all; }
.status { display: flex; align-items: center; gap: 0.7rem; font-size: 1.05rem; margin: 1rem 0; }
.spinner { width: 1.2rem; height: 1.2rem; border-radius: 50%; border: 3px solid var(--line); border-top-color: var(--accent); animation: spin 1s linear infinite; flex: none; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.verdict { font-size: 1.8rem; padding: 0.8rem 1rem; border-radius: 0.4rem; border-left: 8px solid var(--error); background: var(--soft); }
.verdict-genuine { border-color: var(--pass); color: var(--pass); }
.verdict-suspicious { border-color: var(--warn); color: var(--warn); }
.verdict-dangerous { border-color: var(--fail); color: var(--fail); background: #fff5f5; }
.reasons { list-style: none; padding: 0; }
.reason { border-left: 4px solid var(--error); padding: 0.3rem 0.8rem; margin: 0.5rem 0; }
.reason p { margin: 0.2rem 0 0; }
.reason-danger { border-color: var(--fail); }
.reason-warning { border-color: var(--warn); }
.reason-ok { border-color: var(--pass); }
.advice li { margin: 0.3rem 0; font-weight: 600; }
.inspected-message { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; overflow-wrap: anywhere; }
.inspect-form textarea { width: 100%; font-family: var(--mono); }
.inspect-form label { display: block; font-weight: 600; }
.hint { background: #fff8c5; border-radius: 0.4rem; padding: 0.5rem 0.8rem; }
.problem-box { border-left: 4px solid var(--fail); background: #fff5f5; padding: 0.6rem 1rem; border-radius: 0.3rem; }

.summary { display: grid; grid-template-columns: auto 1fr; gap: 1rem 1.5rem; align-items: center; margin: 1rem 0; }
@media (max-width: 36rem) { .summary { grid-template-columns: 1fr; justify-items: center; text-align: center; } .summary dl { text-align: left; } }
.dial { width: 11rem; height: 11rem; }
.dial .track { stroke: #eaeef2; }
.dial .value-text { font-size: 30px; font-weight: 700; fill: var(--ink); }
.dial .scale-text { font-size: 11px; fill: var(--muted); }
.band-excellent { color: var(--band-excellent); stroke: var(--band-excellent); }
.band-good { color: var(--band-good); stroke: var(--band-good); }
.band-fair { color: var(--band-fair); stroke: var(--band-fair); }
.band-poor { color: var(--band-poor); stroke: var(--band-poor); }
.band-bad { color: var(--band-bad); stroke: var(--band-bad); }
.verdict { font-size: 1.4rem; font-weight: 700; margin: 0 0 0.3rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.5rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.downloads { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; font-size: 0.95rem; }

.card { border: 1px solid var(--line); border-radius: 0.6rem; margin: 1rem 0; overflow: hidden; }
.card > h2, .card > h3 { margin: 0; padding: 0.7rem 1rem; background: var(--soft); border-bottom: 1px solid var(--line); font-size: 1.05rem; }
.card-body { padding: 0.8rem 1rem; }

/* The Gmail preview imitates Gmail's own look (Google Sans is not shipped, so system fonts). */
.gmail { background: #f6f8fc; }
.gmail-row { display: flex; align-items: center; gap: 0.7rem; background: #fff; border-bottom: 1px solid #eceff1; padding: 0.6rem 1rem; font-size: 0.92rem; }
.gmail-avatar { flex: none; width: 2.5rem; height: 2.5rem; border-radius: 50%; display: grid; place-items: center; font-weight: 600; color: #fff; background: #1e8e3e; font-size: 1.1rem; }
.gmail-avatar.unknown { background: #e8eaed; color: #5f6368; }
.gmail-sender { font-weight: 700; min-width: 0; flex: 0 1 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.gmail-subject { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.gmail-time { flex: none; color: #5f6368; font-size: 0.85rem; }
.gmail-via { font-weight: 400; color: #5f6368; }
.gmail-details { margin: 0.8rem 1rem 1rem; background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px rgba(60, 64, 67, 0.3); padding: 0.8rem 1rem; display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.8rem; font-size: 0.88rem; }
.gmail-details dt { color: #5f6368; text-align: right; }
.gmail-details dd { margin: 0; display: flex; align-items: center; gap: 0.35rem; min-width: 0; }
.gmail-lock { width: 1rem; height: 1rem; flex: none; }
.gmail-lock.closed { fill: #5f6368; }
.gmail-lock.open { fill: #d93025; }
.gmail-insecure { color: #d93025; }
.gmail-notes { margin: 0 1rem 1rem; padding-left: 1.2rem; font-size: 0.9rem; }
@media (max-width: 36rem) { .gmail-time { display: none; } .gmail-sender { flex-basis: 8rem; } .gmail-details { grid-template-columns: 1fr; } .gmail-details dt { text-align: left; } }

.category-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
.category-total { font-weight: 600; font-size: 0.95rem; }
.category-total.zero { color: var(--pass); font-weight: 400; }
.checks { list-style: none; margin: 0; padding: 0; }
.check { padding: 0.7rem 1rem; border-top: 1px solid var(--line); }
.check:first-child { border-top: 0; }
.check-head { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
.check-title { font-weight: 600; flex: 1 1 14rem; min-width: 0; }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 700; padding: 0.05rem 0.5rem; border-radius: 1rem; color: #fff; white-space: nowrap; }
.badge.pass { background: var(--pass); }
.badge.info { background: var(--info); }
.badge.warn { background: var(--warn); }
.badge.fail { background: var(--fail); }
.badge.error { background: var(--error); }
.deduction { font-weight: 700; color: var(--fail); white-space: nowrap; }
.check-detail { margin: 0.3rem 0 0; color: var(--ink); }
.fix { margin: 0.5rem 0 0; background: var(--soft); border-radius: 0.4rem; padding: 0.5rem 0.8rem; }
.fix-label { font-weight: 700; display: block; font-size: 0.9rem; }
.record { display: flex; align-items: flex-start; gap: 0.5rem; margin: 0.4rem 0; background: #fff; border: 1px solid var(--line); border-radius: 0.35rem; padding: 0.4rem 0.6rem; }
.record code { flex: 1 1 auto; min-width: 0; white-space: pre-wrap; }
details.passed > summary { cursor: pointer; padding: 0.6rem 1rem; color: var(--muted); border-top: 1px solid var(--line); }

.body-frame { width: 100%; height: min(70vh, 40rem); border: 1px solid var(--line); border-radius: 0.4rem; background: #fff; resize: vertical; display: block; }
.raw-headers { max-height: 30rem; overflow: auto; background: var(--soft); padding: 0.8rem; border-radius: 0.4rem; font-size: 0.82rem; margin: 0; }
.messages { padding-left: 1.2rem; }
.messages .current { font-weight: 700; }
.table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
.table th, .table td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.listed { color: var(--fail); font-weight: 700; }
.rule-points { white-space: nowrap; font-variant-numeric: tabular-nums; }
.rule-points.cost { color: var(--fail); font-weight: 700; }
.rule-points.bonus { color: var(--pass); font-weight: 700; }

/* The blocklist page: the lookup form, and a results table that stacks its cells on narrow screens. */
.lookup-form label { display: block; font-weight: 600; margin: 0.8rem 0 0.3rem; }
.lookup-row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.lookup-row input { flex: 1 1 16rem; min-width: 0; font: inherit; font-family: var(--mono); padding: 0.6rem 0.8rem; border: 1px solid var(--line); border-radius: 0.5rem; }
.lookup-row input[aria-invalid="true"] { border-color: var(--fail); }
.lookup-form .problem-box { margin: 0.6rem 0 0; }
.bl-status.listed { color: var(--fail); font-weight: 700; }
.bl-status.listed.info { color: var(--info); }
.bl-status.clean { color: var(--pass); }
.bl-status.error { color: var(--warn); }
[data-blocklist-table="allowlists-heading"] .bl-status.listed { color: var(--pass); }
.bl-meanings { margin: 0.2rem 0 0; padding-left: 1.1rem; }
.bl-table { table-layout: fixed; }
.bl-table th:nth-child(1) { width: 22%; }
.bl-table th:nth-child(2) { width: 24%; }
.bl-table th:nth-child(3) { width: 22%; }
.bl-table td:first-child { overflow-wrap: break-word; }
.bl-table code { font-size: 0.85em; }
.bl-verdict { font-size: 1.3rem; font-weight: 700; margin: 0 0 0.3rem; }
.bl-verdict.listed { color: var(--fail); }
.bl-verdict.clean { color: var(--pass); }
.bl-more { margin: 0.1rem 0; }
@media (max-width: 40rem) {
  .bl-table { table-layout: auto; }
  .bl-table th { width: auto; }
  .bl-table thead { display: none; }
  .bl-table tr { display: block; border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
  .bl-table td { display: block; border: 0; padding: 0.1rem 0; }
}

/* The domain audit (optional fields, the SPF include tree, the DMARC plan) and the generators' forms. */
.more-fields { margin: 0.6rem 0 0; }
.more-fields > summary { cursor: pointer; color: var(--accent); }
.field, .gen-form select { width: 100%; max-width: 32rem; box-sizing: border-box; font: inherit; font-family: var(--mono); padding: 0.5rem 0.7rem; border: 1px solid var(--line); border-radius: 0.5rem; }
.gen-form select { font-family: inherit; }
.field[aria-invalid="true"] { border-color: var(--fail); }
.gen-form label { display: block; font-weight: 600; margin: 0.8rem 0 0.3rem; }
.gen-form fieldset { border: 0; margin: 0.6rem 0 0; padding: 0; }
.gen-form legend { font-weight: 600; padding: 0; }
.gen-form .choices { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; margin: 0.3rem 0; }
.gen-form .choices label { font-weight: 400; margin: 0; display: inline-flex; gap: 0.3rem; align-items: center; }
.gen-form .button { margin-top: 0.9rem; }
.spf-tree, .spf-tree ul { list-style: none; margin: 0; padding: 0; }
.spf-tree ul { margin-left: 0.6rem; padding-left: 0.9rem; border-left: 1px solid var(--line); }
.spf-tree li { margin: 0.3rem 0; overflow-wrap: anywhere; }
.tree-count { color: var(--muted); font-size: 0.88rem; margin-left: 0.4rem; }
.tree-error { color: var(--fail); font-weight: 600; font-size: 0.88rem; margin-left: 0.4rem; }
.plan { padding-left: 1.4rem; }
.plan li { margin: 0.4rem 0; }
.plain { list-style: none; padding: 0; margin: 0.4rem 0; }
.plain li { margin: 0.25rem 0; overflow-wrap: anywhere; }
.state-ok { color: var(--pass); }
.state-warn { color: var(--warn); }
.secret-warning { border-left: 4px solid var(--warn); background: #fff8e5; padding: 0.6rem 1rem; border-radius: 0.3rem; font-weight: 600; }
.private-key { max-height: 16rem; overflow: auto; background: var(--soft); padding: 0.8rem; border-radius: 0.4rem; font-size: 0.8rem; margin: 0.4rem 0; white-space: pre; }
@media (max-width: 40rem) {
  .mx-table thead { display: none; }
  .mx-table tr { display: block; border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
  .mx-table td { display: block; border: 0; padding: 0.1rem 0; }
}
`;
