/* The alarms page: timeline and heat map of the filtered alarms, then the list with thumbnails. */
'use strict';

(() => {
  const { el, api, time, badge, showError } = VS;
  const COLORS = ['#0b5cad', '#b42318', '#116329', '#8a4b00', '#6f42c1', '#0e7490', '#9d174d', '#4b5563'];
  const form = document.getElementById('filters');
  const errors = document.getElementById('error');
  let page = 0;
  let chart = null;

  function query(extra = {}) {
    const q = new URLSearchParams();
    const f = new FormData(form);
    for (const [k, v] of f.entries()) {
      if (!v) continue;
      if (k === 'from' || k === 'to') {
        // A local day: from its first instant to the next day's.
        const d = new Date(v + 'T00:00:00');
        if (k === 'to') d.setDate(d.getDate() + 1);
        q.set(k, d.toISOString());
      } else {
        q.set(k, v);
      }
    }
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  }

  function syncUrl() {
    const q = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    if (page) q.set('page', page);
    history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
  }

  function fromUrl() {
    const q = new URLSearchParams(location.search);
    for (const input of form.elements) if (input.name && q.has(input.name)) input.value = q.get(input.name);
    page = Number(q.get('page') || 0);
  }

  async function timeline() {
    const t = await api('/api/stats/timeline?' + query({ zone: VS.zone, bucket: 'day' }));
    const box = document.getElementById('timeline');
    const legend = document.getElementById('legend');
    const xs = t.starts.map((s) => Date.parse(s) / 1000);
    // The busiest devices get their own colour; the rest are summed as "others".
    const series = [...t.series].sort((a, b) => b.total - a.total);
    const shown = series.slice(0, COLORS.length - 1);
    if (series.length > shown.length) {
      const others = xs.map((_, i) => series.slice(shown.length).reduce((n, s) => n + s.counts[i], 0));
      shown.push({ device: 'others', counts: others });
    }
    // Stacked: each series is drawn as the running sum, the tallest first.
    const sums = [];
    let running = xs.map(() => 0);
    for (const s of shown) {
      running = running.map((v, i) => v + s.counts[i]);
      sums.push(running);
    }
    legend.replaceChildren(...shown.map((s, i) => el('span', { style: '--c:' + COLORS[i] }, s.device)));
    box.setAttribute('aria-label', 'Bar chart: ' + t.total + ' alarms per day by device');
    const bars = uPlot.paths.bars({ size: [0.8, 40] });
    const opts = {
      width: Math.max(280, box.clientWidth), height: 220,
      scales: { x: { time: true } },
      legend: { show: false },
      series: [{}, ...shown.map((s, i) => ({ label: s.device, fill: COLORS[i], stroke: COLORS[i], paths: bars,
        points: { show: false } })).reverse()],
      axes: [{}, { size: 40 }],
      cursor: { points: { show: false } },
    };
    const data = [xs, ...sums.slice().reverse()];
    if (chart) chart.destroy();
    box.replaceChildren();
    chart = new uPlot(opts, data, box);
    box.dataset.total = t.total;
    if (!performance.getEntriesByName('vs-first-chart').length) performance.mark('vs-first-chart');
  }

  async function heatmap() {
    const h = await api('/api/stats/heatmap?' + query({ zone: VS.zone }));
    const names = h.weekdays.map((d) => d.slice(0, 1) + d.slice(1, 3).toLowerCase());
    const head = el('tr', {}, el('th', { scope: 'col' }, ''),
      ...Array.from({ length: 24 }, (_, hour) => el('th', { scope: 'col' }, String(hour))));
    const rows = h.counts.map((hours, d) => el('tr', {}, el('th', { scope: 'row' }, names[d]),
      ...hours.map((n, hour) => {
        const share = h.max ? n / h.max : 0;
        const light = Math.round(97 - share * 62);
        return el('td', {
          title: names[d] + ' ' + hour + ':00–' + (hour + 1) + ':00: ' + n + ' alarm(s)',
          style: 'background:hsl(4,75%,' + light + '%);color:' + (light < 60 ? '#fff' : '#1b1f24'),
          'data-count': n,
        }, n ? String(n) : '');
      })));
    const table = el('table', { class: 'heatmap', id: 'heatmap-table' },
      el('caption', { class: 'muted', style: 'caption-side:bottom;text-align:left' },
        h.total + ' alarms, times in ' + h.zone),
      el('thead', {}, head), el('tbody', {}, ...rows));
    document.getElementById('heatmap').replaceChildren(table);
  }

  async function list() {
    const p = await api('/api/alarms?' + query({ page, size: 25, sort: 'createdOn,desc' }));
    const body = document.querySelector('#list tbody');
    body.replaceChildren(...p.items.map((a) => {
      const clip = a.clips.find((c) => c.links && c.links.thumbnail);
      const link = '/alarms/' + a.id;
      return el('tr', { 'data-alarm': a.id },
        el('td', {}, clip ? el('a', { href: link, tabindex: -1 },
          el('img', { src: clip.links.thumbnail, alt: 'Frame at the alarm of ' + (a.deviceName || a.deviceId),
            loading: 'lazy', width: 120, height: 68 })) : el('span', { class: 'muted' }, 'no clip')),
        el('td', {}, el('a', { href: link }, time(a.createdOn))),
        el('td', {}, a.deviceName || a.deviceId || '—'),
        el('td', {}, a.text || '—', a.label ? el('span', { class: 'why' }, a.label) : null),
        el('td', {}, badge(a.outcome, a.outcomeText)));
    }));
    if (!p.items.length) body.append(el('tr', {}, el('td', { colspan: 5 }, 'No alarms match.')));
    document.getElementById('count').textContent = '(' + p.totalItems + ')';
    document.getElementById('page').textContent = p.totalPages ? 'Page ' + (p.page + 1) + ' of ' + p.totalPages : '';
    document.getElementById('prev').disabled = p.page <= 0;
    document.getElementById('next').disabled = p.page + 1 >= p.totalPages;
    document.getElementById('csv').href = '/api/alarms.csv?' + query();
  }

  async function refresh(charts = true) {
    syncUrl();
    errors.replaceChildren();
    const jobs = [list()];
    if (charts) jobs.push(timeline(), heatmap());
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) showError(errors, failed.reason);
    document.body.dataset.ready = 'true';
    if (!performance.getEntriesByName('vs-ready').length) performance.mark('vs-ready');
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); page = 0; refresh(); });
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); refresh(false); });
  document.getElementById('next').addEventListener('click', () => { page += 1; refresh(false); });
  window.addEventListener('resize', () => chart && chart.setSize({
    width: Math.max(280, document.getElementById('timeline').clientWidth), height: 220 }));
  VS.header('/');
  fromUrl();
  refresh();
})();
