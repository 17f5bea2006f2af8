// What the demo's classic-script pages (script-tag.html, script-tag-element.html)
// share, as window.demoPage: the page's locale and texts, with the same
// conventions as the module pages (demo/i18n.mjs): data-t="key.path", links
// that keep ?lang, the language switch; and the demo merchant's own server
// calls (the sandbox's /demo/api, same origin).
(function () {
  'use strict';

  // ?lang=, else the browser's first language the page speaks, else English.
  function pageLocale(texts) {
    var asked = new URLSearchParams(location.search).get('lang');
    if (asked && texts[asked]) return asked;
    var browser = (navigator.languages || [navigator.language || 'en']).map(function (l) {
      return String(l).slice(0, 2);
    });
    return browser.filter(function (l) { return texts[l]; })[0] || 'en';
  }

  // Fills in the page's data-t texts and its links; returns the locale's table.
  function applyTexts(texts) {
    var locale = pageLocale(texts);
    var t = texts[locale];
    document.documentElement.lang = locale;
    document.querySelectorAll('[data-t]').forEach(function (el) {
      var value = el.dataset.t.split('.').reduce(function (o, k) { return o ? o[k] : undefined; }, t);
      if (typeof value === 'string') el.textContent = value;
    });
    document.querySelectorAll('a[data-keep-lang]').forEach(function (a) {
      var url = new URL(a.getAttribute('href'), location.href);
      url.searchParams.set('lang', locale);
      a.href = url.pathname + url.search;
    });
    var other = locale === 'fr' ? 'en' : 'fr';
    var langLink = document.getElementById('lang');
    var langUrl = new URL(location.href);
    langUrl.searchParams.set('lang', other);
    langLink.href = langUrl.pathname + langUrl.search;
    langLink.lang = other;
    langLink.textContent = t.language;
    return { locale: locale, t: t };
  }

  function merchant(path, params) {
    var init = params
      ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) }
      : {};
    return fetch('/demo/api/' + path, init).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body.error && body.error.message) || 'HTTP ' + res.status);
        return body;
      });
    });
  }

  window.demoPage = { applyTexts: applyTexts, merchant: merchant };
})();
