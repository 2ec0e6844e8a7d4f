/* Shared by the UI's pages: API calls with the CSRF token, times in the viewer's zone, safe DOM building. */
'use strict';

const VS = (() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  /** fetch() of the API: JSON back, problem+json turned into an Error with its detail. */
  async function api(url, options = {}) {
    const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
    if (options.method && options.method !== 'GET') {
      const token = csrfToken();
      if (token) headers['X-XSRF-TOKEN'] = token;
    }
    const response = await fetch(url, Object.assign({}, options, { headers, credentials: 'same-origin' }));
    if (response.status === 401) {
      location.href = '/login';
      throw new Error('not logged in');
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
    }
    return body;
  }

  /** An element with attributes and children; text always goes in as text, never as HTML. */
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      // Through the CSSOM: the Content-Security-Policy refuses style attributes.
      else if (k === 'style') e.style.cssText = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function time(iso) {
    return iso ? dateTime.format(new Date(iso)) : '—';
  }

  function badge(outcome, why) {
    const word = outcome || 'unknown';
    return el('span', {}, el('span', { class: 'badge ' + word }, word),
      why && word !== 'done' ? el('span', { class: 'why' }, why) : null);
  }

  /** A definition list of [term, value] pairs, leaving out empty values. */
  function facts(dl, pairs) {
    dl.replaceChildren(...pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : v)]));
  }

  function bytes(n) {
    if (n == null) return '—';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i ? n.toFixed(1) : n) + ' ' + units[i];
  }

  function showError(where, error) {
    where.replaceChildren(el('p', { class: 'notice error', role: 'alert' }, String(error.message || error)));
  }

  /** The page header: navigation, and who is logged in with a button to log out. */
  function header(current) {
    const nav = [['/', 'Alarms'], ['/status', 'Status'], ['/swagger-ui.html', 'API']];
    const who = el('span', { class: 'who' });
    const top = el('header', { class: 'top' },
      el('a', { class: 'brand', href: '/' }, 'Video Store'),
      el('nav', { 'aria-label': 'Main' }, ...nav.map(([href, text]) =>
        el('a', { href, 'aria-current': href === current ? 'page' : null, style: 'margin-right:1rem' }, text))),
      who);
    document.body.prepend(top);
    api('/session').then((s) => {
      if (!s || !s.user) return;
      who.append(el('span', { style: 'margin-right:.5rem' }, s.user), el('button', {
        type: 'button', class: 'secondary', id: 'logout',
        onclick: async () => {
          await fetch('/logout', { method: 'POST', credentials: 'same-origin',
            headers: { 'X-XSRF-TOKEN': csrfToken() || '' } });
          location.href = '/login?logout';
        },
      }, 'Log out'));
    }).catch(() => {});
  }

  return { zone, api, el, time, badge, facts, bytes, showError, header, csrfToken };
})();
