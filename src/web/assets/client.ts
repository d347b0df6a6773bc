/**
 * The pages' one script, served as /assets/mailscore.js (never inline: the pages' CSP allows only
 * 'self' scripts). Everything works without it; it adds:
 *  - copy buttons (shown only when the script runs; words come from data-* attributes the server renders),
 *  - the live test page: server-sent events from /api/tests/:id/events, polling /api/tests/:id as a
 *    fallback; on a change it fetches the server-rendered state (/tests/:id/fragment) and swaps it in,
 *    so the page turns into the report without a reload,
 *  - "Check my score": looks at once instead of waiting for the next event,
 *  - the inspect form's file input (read as base64 into a hidden field).
 * It never builds markup from data: new content comes from the server, already escaped.
 */
export const CLIENT_SCRIPT = String.raw`'use strict';
(function () {
  var POLL_MS = 5000;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain-HTTP deployments have no clipboard API: the old way, through a selected textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('copy failed'));
    });
  }

  function showCopyButtons(root) {
    var buttons = root.querySelectorAll('button[data-copy],button[data-copy-from]');
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button[data-copy],button[data-copy-from]') : null;
    if (!button) return;
    var label = button.textContent;
    var from = button.getAttribute('data-copy-from');
    var source = from ? document.getElementById(from) : null;
    var text = source ? source.textContent : button.getAttribute('data-copy');
    copyText(text || '').then(
      function () { flash(button, button.getAttribute('data-copied'), label); },
      function () { flash(button, button.getAttribute('data-copy-failed'), label); }
    );
  });

  function flash(button, text, label) {
    button.textContent = text || label;
    button.classList.add('done');
    setTimeout(function () {
      button.textContent = label;
      button.classList.remove('done');
    }, 2000);
  }

  showCopyButtons(document);

  var live = document.querySelector('[data-live-test]');
  if (!live) return;
  var testId = live.getAttribute('data-live-test');
  var lang = live.getAttribute('data-lang') || 'en';
  // States after which only a new message changes the page (the API calls a failed analysis 'done').
  var SETTLED = { done: true, failed: true, expired: true };
  var source = null;
  var pollTimer = null;
  var loading = false;
  var again = false;

  function state() { return live.getAttribute('data-state') || ''; }
  function shownMessage() { return live.getAttribute('data-message') || ''; }
  function changed(next, message) {
    var now = state() === 'failed' ? 'done' : state();
    var asked = next === 'failed' ? 'done' : next;
    return asked !== now || (message || '') !== shownMessage();
  }

  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }

  // Fetches the server-rendered state and swaps it in. One request at a time; a change that arrives
  // meanwhile triggers one more.
  function refresh(onDone) {
    if (loading) { again = true; return; }
    loading = true;
    fetch('/tests/' + encodeURIComponent(testId) + '/fragment?lang=' + encodeURIComponent(lang), {
      headers: { accept: 'text/html' },
      cache: 'no-store'
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text().then(function (text) {
        return {
          text: text,
          next: response.headers.get('x-mailscore-state') || '',
          message: response.headers.get('x-mailscore-message') || ''
        };
      });
    }).then(function (result) {
      if (result.next && changed(result.next, result.message)) {
        live.innerHTML = result.text;
        live.setAttribute('data-state', result.next);
        live.setAttribute('data-message', result.message);
        var title = live.querySelector('[data-page-title]');
        if (title) document.title = title.getAttribute('data-page-title');
        showCopyButtons(live);
      }
      // Polling is only for reaching a result; a new message after it arrives through the event stream.
      if (SETTLED[state()]) stopPolling();
      if (state() === 'expired' && source) { source.close(); source = null; }
      if (onDone) onDone();
    }).catch(function () {
      startPolling();
    }).then(function () {
      loading = false;
      if (again) { again = false; refresh(); }
    });
  }

  function poll() {
    fetch('/api/tests/' + encodeURIComponent(testId) + '?lang=' + encodeURIComponent(lang), {
      headers: { accept: 'application/json' },
      cache: 'no-store'
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (view) {
      if (view && changed(view.progress || view.status, view.messageId)) refresh();
    }).catch(function () { /* the next tick tries again */ });
  }

  function startPolling() {
    if (pollTimer || SETTLED[state()]) return;
    pollTimer = setInterval(poll, POLL_MS);
  }

  document.addEventListener('click', function (event) {
    var check = event.target instanceof Element ? event.target.closest('a[data-check-score]') : null;
    if (!check) return;
    event.preventDefault();
    refresh(function () {
      var hint = live.querySelector('[data-check-hint]');
      if (hint && state() === 'waiting') hint.hidden = false;
    });
  });

  if (state() === 'expired') return;
  if (window.EventSource) {
    source = new EventSource('/api/tests/' + encodeURIComponent(testId) + '/events');
    source.addEventListener('state', function (event) {
      var data = null;
      try { data = JSON.parse(event.data); } catch (e) { data = null; }
      if (data && changed(data.state, data.messageId)) refresh();
    });
    source.addEventListener('open', stopPolling);
    // The browser reconnects by itself; until it does (or when it gives up), poll.
    source.addEventListener('error', startPolling);
  } else {
    startPolling();
  }
})();
// The inspect form: the chosen file is read here and posted as base64 (the server has no multipart parser),
// byte for byte, so a message in any charset arrives as it was saved.
(function () {
  var file = document.querySelector('input[data-inspect-file]');
  var bytes = document.querySelector('input[data-inspect-bytes]');
  if (!file || !bytes || !window.FileReader) return;
  file.addEventListener('change', function () {
    bytes.value = '';
    var chosen = file.files && file.files[0];
    if (!chosen) return;
    var reader = new FileReader();
    reader.onload = function () {
      var result = String(reader.result || '');
      bytes.value = result.slice(result.indexOf(',') + 1);
    };
    reader.readAsDataURL(chosen);
  });
})();
`;
