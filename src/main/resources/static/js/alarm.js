/* One alarm: its clip(s) with the alarm instant marked, the machine's signals, what IXON sent, and how the
   recording went. */
'use strict';

(() => {
  const { el, api, time, badge, bytes, facts, showError } = VS;
  const id = location.pathname.split('/').pop();
  const errors = document.getElementById('error');

  function seconds(s) {
    return (Math.round(s * 10) / 10).toFixed(1) + ' s';
  }

  /** A clip: the player from its beginning, the pre-roll and the alarm marked on a track below. */
  function clipView(alarm, clip) {
    const section = el('section', { class: 'panel clip', 'data-clip': clip.id });
    section.append(el('h2', {}, 'Camera ' + clip.camera + ' ',
      el('span', { class: 'muted' }, seconds(clip.durationSeconds) + ', ' + bytes(clip.sizeBytes) + ', '
        + (clip.location === 'both' ? 'local and cloud' : clip.location))));
    if (!clip.links || !clip.links.video) {
      section.append(el('p', { class: 'notice' }, 'This clip was deleted: ' + (clip.deletedReason || 'no reason')));
      return section;
    }
    const video = el('video', { controls: true, preload: 'metadata', playsinline: true, src: clip.links.video,
      'aria-label': 'Clip of camera ' + clip.camera });
    const track = el('div', { class: 'track', role: 'presentation' });
    const offset = clip.alarmOffsetSeconds;
    const duration = clip.durationSeconds || 1;
    // A clip recorded on demand starts when the camera answers, after the alarm: the
    // alarm is not on it, so no mark is drawn.
    const late = offset != null && offset <= -0.05;
    if (offset != null && !late) {
      const at = 100 * Math.max(0, offset) / duration;
      track.append(el('div', { class: 'preroll', style: 'width:' + at + '%' }),
        el('div', { class: 'marker', title: 'The alarm', style: 'left:' + at + '%' }));
    }
    const cursor = el('div', { class: 'cursor', style: 'left:0' });
    track.append(cursor);
    video.addEventListener('timeupdate', () => {
      cursor.style.left = (100 * Math.min(1, video.currentTime / duration)) + '%';
    });
    track.addEventListener('click', (e) => {
      const box = track.getBoundingClientRect();
      video.currentTime = duration * (e.clientX - box.left) / box.width;
    });
    const protect = el('button', { type: 'button', class: 'secondary', 'aria-pressed': String(clip.protected) },
      clip.protected ? 'Protected: kept by retention' : 'Protect from retention');
    protect.addEventListener('click', async () => {
      try {
        const now = protect.getAttribute('aria-pressed') !== 'true';
        await api('/api/clips/' + clip.id + '/protected', { method: 'PUT',
          headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ protected: now }) });
        protect.setAttribute('aria-pressed', String(now));
        protect.textContent = now ? 'Protected: kept by retention' : 'Protect from retention';
      } catch (e) { showError(errors, e); }
    });
    const remove = el('button', { type: 'button', class: 'danger' }, 'Delete clip');
    remove.addEventListener('click', async () => {
      if (!confirm('Delete this clip? The alarm stays in the list.')) return;
      try {
        await api('/api/clips/' + clip.id, { method: 'DELETE' });
        load();
      } catch (e) { showError(errors, e); }
    });
    section.append(el('div', { class: 'player' }, video), track,
      el('p', { class: 'muted alarm-note' }, offset == null
        ? 'The alarm instant is not known for this clip.'
        : late ? 'The clip starts ' + seconds(-offset) + ' after the alarm: the alarm itself is not on it.'
          : 'The red mark is the alarm, ' + seconds(Math.max(0, offset))
            + ' into the clip; before it is the pre-roll.'),
      el('div', { class: 'actions' },
        offset != null && !late ? el('button', { type: 'button', class: 'secondary',
          onclick: () => { video.currentTime = Math.max(0, offset); video.play(); } }, 'Play from the alarm') : null,
        el('a', { class: 'button secondary', href: clip.links.video, download: clip.file }, 'Download'),
        protect, remove));
    return section;
  }

  async function load() {
    errors.replaceChildren();
    try {
      const a = await api('/api/alarms/' + encodeURIComponent(id));
      document.title = (a.deviceName || a.deviceId || 'Alarm') + ' · Video Store';
      document.getElementById('title').replaceChildren(
        (a.deviceName || a.deviceId || 'Alarm') + ' — ' + time(a.createdOn) + ' ', badge(a.outcome, a.outcomeText));
      const clips = document.getElementById('clips');
      clips.replaceChildren(...(a.clips.length ? a.clips.map((c) => clipView(a, c))
        : [el('p', { class: 'notice' }, 'No clip: ' + (a.outcomeText || a.outcome))]));
      Signals.show(document.getElementById('signals'), a.id, a.clips.map((c) => ({ clip: c,
        video: clips.querySelector('[data-clip="' + c.id + '"] video') })));
      facts(document.getElementById('facts'), [
        ['Alarm', a.text], ['Details', a.longContent], ['Label', a.label], ['Device', a.deviceName],
        ['Device id', a.deviceId], ['Raised (IXON)', time(a.createdOn)], ['Received', time(a.receivedAt)],
        ['Outcome', a.outcome + (a.outcomeText ? ': ' + a.outcomeText : '')]]);
      const vars = Object.entries(a.variables || {});
      facts(document.getElementById('variables'), vars.length ? vars : [['', 'IXON sent no variables']]);
      document.querySelector('#jobs tbody').replaceChildren(...a.jobs.map((j) => el('tr', {},
        el('td', {}, String(j.id)), el('td', {}, j.camera), el('td', {}, badge(j.effectiveState || j.state, j.reason)),
        el('td', {}, j.windowStart ? time(j.windowStart) + ' – ' + time(j.windowEnd) : '—'),
        el('td', {}, time(j.startedAt)), el('td', {}, time(j.finishedAt)))));
    } catch (e) {
      showError(errors, e);
    }
    document.body.dataset.ready = 'true';
  }

  VS.header('');
  load();
})();
