/*
 * The alarm page's machine signals: the logged tags around the alarm as small uPlot charts on one wall-clock
 * axis with the clip. A blue line follows the video, the alarm instant is red, the data outside the clip is
 * greyed, and a click on a chart seeks the video there.
 */
'use strict';

const Signals = (() => {
  const { el, api, time } = VS;
  const COLORS = ['#0b5cad', '#b42318', '#116329', '#8a4b00', '#6f42c1', '#0e7490'];
  const MAX_CHARTS = 6;
  const PER_CHART = 4;
  const POLL_MS = 10000;
  const TABLE_ROWS = 2000;
  /** Every chart's y axis is this wide (a unit label included), so the charts' time axes line up. */
  const Y_AXIS = 64;
  const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit',
    fractionalSecondDigits: 3 });

  /** What the page shows now; replaced on every show(). */
  let view = null;

  function sentence(text) {
    const t = String(text || '');
    return t ? t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : '';
  }

  /** A reason as part of a sentence: without its own full stop. */
  function clause(text, otherwise) {
    return String(text || otherwise).replace(/[.\s]+$/, '');
  }

  function seconds(s) {
    return (Math.round(s * 10) / 10).toFixed(1) + ' s';
  }

  /**
   * A signal's points as chart values in [from, to] (ms): booleans as 0/1, sorted by time; texts are not drawn.
   * The last value before from (an on-change tag's value in force when the window starts) is moved onto from.
   */
  function table(s, [from, to]) {
    const sorted = (s.points || []).filter((p) => Array.isArray(p) && typeof p[0] === 'number')
      .sort((a, b) => a[0] - b[0]);
    const earlier = sorted.filter((p) => p[0] < from);
    const points = sorted.filter((p) => p[0] >= from && p[0] <= to);
    if (earlier.length && !(points.length && points[0][0] === from)) {
      points.unshift([from, earlier[earlier.length - 1][1]]);
    }
    const ys = points.map(([, v]) => (v === null || v === undefined) ? null
      : (typeof v === 'boolean') ? (v ? 1 : 0) : Number(v));
    return [points.map(([t]) => t / 1000), ys];
  }

  /** Numbers of one unit share a chart (up to PER_CHART), each boolean gets its own; at most MAX_CHARTS. */
  function groups(series) {
    const all = [];
    for (const s of series) {
      if (s.type === 'str') continue;
      const bool = s.type === 'bool';
      const key = bool ? null : 'unit:' + (s.unit || '\u0000' + s.source + '/' + s.tag);
      const g = key && all.find((x) => x.key === key && x.series.length < PER_CHART);
      if (g) g.series.push(s);
      else all.push({ key, bool, unit: bool ? '' : (s.unit || ''), series: [s] });
    }
    const hidden = all.slice(MAX_CHARTS).reduce((n, g) => n + g.series.length, 0);
    return { shown: all.slice(0, MAX_CHARTS), hidden };
  }

  function title(g) {
    const names = g.series.map((s) => s.tag).join(', ');
    return g.bool ? names + ' (on/off)' : names + (g.unit ? ' (' + g.unit + ')' : '');
  }

  function summary(g, data) {
    return g.series.map((s, i) => {
      const ys = data[i + 1].filter((v) => v !== null && v !== undefined);
      if (!ys.length) return s.tag + ': no values';
      if (g.bool) return s.tag + ': ' + ys.length + ' values, last ' + (ys[ys.length - 1] ? 'on' : 'off');
      // A loop, not Math.min(...ys): a long log has more values than a call may take arguments.
      const [lo, hi] = ys.reduce(([l, h], v) => [Math.min(l, v), Math.max(h, v)], [Infinity, -Infinity]);
      return s.tag + ': ' + ys.length + ' values from ' + lo + ' to ' + hi + (s.unit ? ' ' + s.unit : '');
    }).join('; ');
  }

  /** The wall-clock stretch the charts show: the data window (else every point) and the clip. */
  function range(data, player) {
    let lo = Infinity;
    let hi = -Infinity;
    const take = (ms) => { if (ms != null && !Number.isNaN(ms)) { lo = Math.min(lo, ms); hi = Math.max(hi, ms); } };
    if (data.window) { take(Date.parse(data.window.from)); take(Date.parse(data.window.to)); }
    if (player) { take(player.from); take(player.to); }
    if (!data.window) for (const s of data.series) for (const p of s.points || []) if (Array.isArray(p)) take(p[0]);
    return (lo < hi) ? [lo, hi] : [lo - 5000, lo + 5000];
  }

  /** Greys what lies outside the clip, and draws the alarm instant. */
  function drawHook(u) {
    const { ctx, bbox } = u;
    const player = view && view.active;
    ctx.save();
    if (player) {
      const x0 = Math.max(bbox.left, u.valToPos(player.from / 1000, 'x', true));
      const x1 = Math.min(bbox.left + bbox.width, u.valToPos(player.to / 1000, 'x', true));
      ctx.fillStyle = 'rgba(71, 85, 105, 0.16)';
      if (x0 > bbox.left) ctx.fillRect(bbox.left, bbox.top, x0 - bbox.left, bbox.height);
      if (x1 < bbox.left + bbox.width) ctx.fillRect(x1, bbox.top, bbox.left + bbox.width - x1, bbox.height);
    }
    if (view && view.alarmMs != null) {
      const x = Math.round(u.valToPos(view.alarmMs / 1000, 'x', true));
      ctx.strokeStyle = '#b42318';
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  }

  /** A value as the charts show it: on/off, or the number with its unit. */
  function formatter(g) {
    return g.bool ? (v) => (v == null ? '—' : v ? 'on' : 'off')
      : (v) => (v == null ? '—' : (+v.toPrecision(6)) + (g.unit ? ' ' + g.unit : ''));
  }

  /** The index of the last value logged at or before x (seconds), or -1. */
  function before(xs, ys, x) {
    let lo = 0;
    let hi = xs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    while (found >= 0 && ys[found] == null) found--;
    return found;
  }

  /**
   * One chart; every chart has the same x range and y axis width, so their time axes line up. Only the last
   * one labels its time axis. A chart of one signal shows its value (at the video's time, or where the
   * pointer is) in its caption instead of a legend.
   */
  function chart(g, xRange, width, last) {
    const tables = g.series.map((s) => table(s, xRange));
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    const box = el('div', { class: 'signal-chart', role: 'img', 'data-from-ms': xRange[0], 'data-to-ms': xRange[1] });
    const single = g.series.length === 1;
    const readout = single ? el('span', { class: 'signal-value' }) : null;
    const caption = el('figcaption', {}, el('span', { class: 'signal-title' }, title(g)), readout ? ' ' : null,
      readout);
    const figure = el('figure', { class: 'signal' }, caption, box);
    box.setAttribute('aria-label', title(g) + '. ' + summary(g, data));
    const stepped = uPlot.paths.stepped({ align: 1, extend: true });
    const unit = g.bool ? '' : g.unit;
    const format = formatter(g);
    const c = { figure, readout, xs: data[0], ys: data[1], format, hovering: false };
    const showHovered = (u) => {
      const i = u.cursor.idx;
      c.hovering = single && i != null && data[1][i] != null;
      if (c.hovering) {
        readout.textContent = format(data[1][i]) + ' at ' + clock.format(new Date(data[0][i] * 1000));
      } else if (single) {
        readAt(c, videoMs());
      }
    };
    const opts = {
      width, height: (g.bool ? 60 : 100) + (last ? 48 : 8),
      scales: {
        x: { time: true, range: () => [xRange[0] / 1000, xRange[1] / 1000] },
        y: g.bool ? { range: [-0.15, 1.15] } : { auto: true },
      },
      cursor: { drag: { x: false, y: false }, sync: { key: 'signals' }, points: { size: 6 } },
      legend: { show: !single, live: true },
      series: [
        { value: (u, v) => (v == null ? '—' : clock.format(new Date(v * 1000))) },
        ...g.series.map((s, i) => ({
          label: s.tag, stroke: COLORS[i % COLORS.length], width: 1.5,
          paths: (s.step || g.bool) ? stepped : undefined,
          points: { show: false },
          value: (u, v) => format(v),
        })),
      ],
      axes: [
        last ? { size: 48 } : { size: 8, ticks: { show: false }, values: (u, splits) => splits.map(() => '') },
        g.bool ? { size: Y_AXIS, splits: () => [0, 1], values: (u, vals) => vals.map((v) => (v ? 'on' : 'off')) }
          : { size: Y_AXIS - (unit ? 16 : 0), space: 20, label: unit || undefined, labelSize: unit ? 16 : 0 },
      ],
      hooks: { draw: [drawHook], setCursor: [showHovered] },
    };
    const u = new uPlot(opts, data, box);
    const cursor = el('div', { class: 'video-cursor', hidden: true });
    u.over.append(cursor);
    u.over.addEventListener('click', (e) => {
      const rect = u.over.getBoundingClientRect();
      seek(u.posToVal(e.clientX - rect.left, 'x') * 1000);
    });
    return Object.assign(c, { u, cursor, height: opts.height });
  }

  /** A one-signal chart's caption: its value at the video's time. */
  function readAt(c, ms) {
    if (!c.readout || c.hovering) return;
    const i = ms == null ? -1 : before(c.xs, c.ys, ms / 1000);
    const text = i < 0 ? '' : c.format(c.ys[i]);
    if (c.readout.textContent !== text) c.readout.textContent = text;
  }

  /** The video's position as wall-clock milliseconds, or null without a playable clip. */
  function videoMs() {
    const p = view && view.active;
    return p ? p.from + 1000 * p.video.currentTime : null;
  }

  function moveCursors() {
    const ms = videoMs();
    if (!view) return;
    if (ms == null) {
      delete view.root.dataset.cursorMs;
    } else {
      view.root.dataset.cursorMs = String(Math.round(ms));
    }
    for (const c of view.charts) {
      const x = ms == null ? null : c.u.valToPos(ms / 1000, 'x');
      const inside = x != null && x >= 0 && x <= c.u.over.clientWidth;
      c.cursor.hidden = !inside;
      if (inside) c.cursor.style.left = x + 'px';
      readAt(c, ms);
    }
  }

  /** Seeks the active clip to a wall-clock moment, clamped to the clip. */
  function seek(ms) {
    const p = view && view.active;
    if (!p) return;
    const duration = Number.isFinite(p.video.duration) ? p.video.duration : p.seconds;
    p.video.currentTime = Math.max(0, Math.min(duration, (ms - p.from) / 1000));
    moveCursors();
  }

  /** Follows a video: every timeupdate, and every frame while it plays. */
  function follow(p) {
    let frame = 0;
    const tick = () => {
      moveCursors();
      frame = p.video.paused || p.video.ended ? 0 : requestAnimationFrame(tick);
    };
    const activate = () => {
      if (view && view.active !== p && view.players.includes(p)) {
        view.active = p;
        view.charts.forEach((c) => c.u.redraw(false));
      }
    };
    p.video.addEventListener('play', () => { activate(); if (!frame) frame = requestAnimationFrame(tick); });
    p.video.addEventListener('seeked', () => { activate(); moveCursors(); });
    p.video.addEventListener('timeupdate', moveCursors);
    p.video.addEventListener('loadedmetadata', moveCursors);
  }

  function statusText(data) {
    const reason = sentence(data.reason);
    switch (data.state) {
      case 'pending':
        // A fetch to be tried again keeps its reason: the log was late, or IXON failed.
        return ['notice', (data.nextAttemptAt ? 'Machine data will be fetched ' + (data.series.length ? 'again ' : '')
          + 'at ' + time(data.nextAttemptAt) + '.' : 'Machine data is not fetched yet.')
          + (reason ? ' ' + reason : '')];
      case 'failed':
        return ['notice error', 'Machine data could not be fetched: ' + clause(data.reason, 'no reason given') + '.'];
      case 'partial':
        return ['notice', 'Some machine data is missing: ' + clause(data.reason, 'no reason given') + '.'];
      case 'none':
        return ['notice', reason || 'No machine data is fetched for this alarm.'];
      default:
        return reason ? ['notice', reason] : null;
    }
  }

  function legendText(data) {
    const a = data.anchor;
    let text = '';
    if (a && a.at) {
      text = 'Red line: the alarm at ' + clock.format(new Date(a.at));
      const d = a.notifyDelaySeconds;
      const late = d == null ? ''
        : ' (Cloud Notify stamped it ' + seconds(Math.abs(d)) + (d < 0 ? ' earlier)' : ' later)');
      text += a.source === 'occurrence' ? ', as IXON logged it' + late + '. ' : ', as Cloud Notify stamped it. ';
    }
    return text + (view.active
      ? 'Blue line: the video. Grey: outside the clip. Click a chart to seek the video there.'
      : 'There is no clip to play beside them.');
  }

  /** The values as a table, for screen readers and for reading exact numbers; built when opened. */
  function valuesTable(series) {
    const details = el('details', { class: 'signal-values' }, el('summary', {}, 'Show the values as a table'));
    details.addEventListener('toggle', () => {
      if (!details.open || details.querySelector('table')) return;
      const rows = series.flatMap((s) => (s.points || []).map((p) => [p[0], s, p[1]])).sort((a, b) => a[0] - b[0]);
      const body = el('tbody', {}, rows.slice(0, TABLE_ROWS).map(([t, s, v]) => el('tr', {},
        el('td', {}, clock.format(new Date(t))), el('td', {}, s.tag),
        el('td', {}, v === null || v === undefined ? '—'
          : (s.type === 'bool' ? (v ? 'on' : 'off') : String(v) + (s.unit ? ' ' + s.unit : ''))))));
      details.append(el('table', { class: 'list' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Time'), el('th', {}, 'Signal'), el('th', {}, 'Value'))), body),
      rows.length > TABLE_ROWS ? el('p', { class: 'muted' }, 'The first ' + TABLE_ROWS + ' of ' + rows.length
        + ' values; the CSV has them all.') : null);
    });
    return details;
  }

  function render(data) {
    const { root, body } = view;
    view.charts.forEach((c) => c.u.destroy());
    view.charts = [];
    view.alarmMs = data.anchor && data.anchor.at ? Date.parse(data.anchor.at) : null;
    root.dataset.state = data.state;
    const status = statusText(data);
    const parts = [];
    if (status) parts.push(el('p', { class: status[0] + ' signal-status', role: 'status' }, status[1]));
    const { shown, hidden } = groups(data.series);
    const texts = data.series.filter((s) => s.type === 'str').length;
    if (!data.series.length) {
      if (data.state === 'done' || data.state === 'partial') {
        parts.push(el('p', { class: 'notice signal-status' }, 'The machine logged no values around this alarm'
          + (data.window ? ' (' + time(data.window.from) + ' – ' + time(data.window.to) + ').' : '.')));
      }
      body.replaceChildren(...parts);
      document.body.classList.remove('has-signals');
      return;
    }
    const list = el('div', { class: 'signal-charts' });
    parts.push(list);
    body.replaceChildren(...parts);
    document.body.classList.add('has-signals');
    const xRange = range(data, view.active);
    const width = Math.max(240, list.clientWidth);
    for (const [i, g] of shown.entries()) {
      const c = chart(g, xRange, width, i === shown.length - 1);
      list.append(c.figure);
      view.charts.push(c);
    }
    const notes = [];
    if (hidden) notes.push(hidden + ' more signal' + (hidden > 1 ? 's are' : ' is') + ' not drawn');
    if (texts) notes.push(texts + ' text signal' + (texts > 1 ? 's are' : ' is') + ' not drawn');
    body.append(
      el('p', { class: 'muted' }, legendText(data),
        notes.length ? ' ' + sentence(notes.join('; ')).replace(/\.$/, ' (see the table or the CSV).') : ''),
      el('div', { class: 'actions' }, valuesTable(data.series),
        el('a', { class: 'button secondary', href: '/api/alarms/' + view.alarmId + '/data.csv',
          download: 'alarm-' + view.alarmId + '-data.csv' }, 'Download the data (CSV)')));
    moveCursors();
  }

  async function refresh(v) {
    let data;
    try {
      data = await api('/api/alarms/' + encodeURIComponent(v.alarmId) + '/data');
    } catch (e) {
      if (view !== v) return;
      v.body.replaceChildren(el('p', { class: 'notice error signal-status', role: 'status' },
        'Machine data could not be loaded: ' + (e.message || e)));
      v.root.dataset.ready = 'true';
      return;
    }
    if (view !== v) return;
    const version = [data.state, data.fetchedAt, data.nextAttemptAt, data.reason].join('|');
    if (version !== v.version) {
      v.version = version;
      render(data);
    }
    v.root.dataset.ready = 'true';
    if (data.state === 'pending') v.timer = setTimeout(() => refresh(v), POLL_MS);
  }

  /**
   * Shows an alarm's signals in root's .signals-body, following the clips' videos: players are {clip, video},
   * video null for a clip that cannot be played; the first playable one is followed until another plays.
   */
  function show(root, alarmId, players) {
    if (view) {
      clearTimeout(view.timer);
      view.resize.disconnect();
      view.charts.forEach((c) => c.u.destroy());
    }
    const ps = players.filter((p) => p.video && p.clip.windowStart).map((p) => {
      const from = Date.parse(p.clip.windowStart);
      return { video: p.video, from, seconds: p.clip.durationSeconds, to: from + 1000 * p.clip.durationSeconds };
    });
    const v = { root, body: root.querySelector('.signals-body'), alarmId, players: ps, active: ps[0] || null,
      charts: [], timer: 0, version: null };
    v.resize = new ResizeObserver(() => {
      const list = v.body.querySelector('.signal-charts');
      if (!list || view !== v) return;
      v.charts.forEach((c) => c.u.setSize({ width: Math.max(240, list.clientWidth), height: c.height }));
      moveCursors();
    });
    v.resize.observe(root);
    view = v;
    ps.forEach(follow);
    delete root.dataset.ready;
    refresh(v);
  }

  return { show };
})();
