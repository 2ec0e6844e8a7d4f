/* The service's state: each camera's buffer and jobs, in a cluster its camera sites (a site without a live
   recorder only queues its alarms), the queue, free space and, with a bucket, the uploads. */
'use strict';

(() => {
  const { el, api, time, bytes, facts, showError } = VS;
  const errors = document.getElementById('error');

  async function recordNow(camera, button) {
    button.disabled = true;
    try {
      const r = await api('/api/cameras/' + encodeURIComponent(camera) + '/recordings', { method: 'POST',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'recorded from the status page' }) });
      location.href = (r.links && r.links.ui) || '/';
    } catch (e) {
      showError(errors, e);
      button.disabled = false;
    }
  }

  async function cameras() {
    const c = await api('/api/cameras');
    document.querySelector('#cameras tbody').replaceChildren(...c.cameras.map((cam) => {
      const button = el('button', { type: 'button', class: 'secondary' }, 'Record now');
      button.addEventListener('click', () => recordNow(cam.id, button));
      const buffer = cam.buffer;
      return el('tr', { 'data-camera': cam.id },
        el('td', {}, cam.name || cam.id, el('span', { class: 'why' }, cam.id + ' · ' + cam.source)),
        el('td', {}, cam.recording, el('span', { class: 'why' }, cam.recording === 'pre-roll'
          ? cam.preRollSeconds + ' s before, ' + cam.postRollSeconds + ' s after' : cam.durationSeconds + ' s')),
        el('td', {}, buffer ? buffer.state : '—', buffer && buffer.detail ? el('span', { class: 'why' }, buffer.detail)
          : null),
        el('td', {}, cam.queued + ' queued, ' + cam.running + ' running'),
        el('td', {}, time(cam.lastClipAt)),
        el('td', {}, cam.lastFailure ? [time(cam.lastFailureAt), el('span', { class: 'why' }, cam.lastFailure)] : '—'),
        el('td', {}, button));
    }));
    return c.queue;
  }

  /* Shown only in a cluster (the cluster health lists sites); a site with no live recorder stands out. */
  function sites(cluster) {
    const list = (cluster && cluster.details && cluster.details.sites) || [];
    document.getElementById('sites-section').hidden = list.length === 0;
    document.querySelector('#sites tbody').replaceChildren(...list.map((s) => el('tr',
      { 'data-site': s.site, class: s.live ? null : 'dead' },
      el('td', {}, s.site || 'cloud', el('span', { class: 'why' }, s.site ? 'instance.site: ' + s.site
        : 'cameras without a site')),
      el('td', {}, el('span', { class: 'badge ' + (s.live ? 'done' : 'failed') }, s.live ? 'live' : 'no live recorder'),
        el('span', { class: 'why' }, s.live ? s.instances.join(', ')
          : 'nothing of this site is recorded: its alarms wait, then expire')),
      el('td', {}, s.cameras.length ? s.cameras.join(', ') : '—'),
      el('td', {}, String(s.queuedJobs), s.oldestQueuedSeconds != null
        ? el('span', { class: 'why' }, 'the oldest waits for ' + s.oldestQueuedSeconds + ' s') : null))));
  }

  async function health() {
    try {
      const response = await fetch('/actuator/health', { credentials: 'same-origin' });
      return await response.json();
    } catch (e) {
      return null;
    }
  }

  async function load() {
    errors.replaceChildren();
    try {
      const [queue, h] = await Promise.all([cameras(), health()]);
      const components = (h && h.components) || {};
      const overall = document.getElementById('overall');
      overall.textContent = h ? h.status : '?';
      overall.className = 'badge ' + (h && h.status === 'UP' ? 'done' : 'failed');
      sites(components.cluster);
      const recording = (components.recording && components.recording.details) || {};
      const disks = recording.disks || {};
      facts(document.getElementById('queue'), [
        ['Queue', queue.depth + ' of ' + queue.capacity + (queue.accepting ? '' : ' (not accepting)')],
        ...Object.entries(disks).map(([folder, state]) => ['Disk of ' + folder,
          typeof state === 'object' ? JSON.stringify(state) : state]),
      ]);
      const up = components.uploads && components.uploads.details;
      const ret = components.retention && components.retention.details;
      facts(document.getElementById('uploads'), [
        ['Uploads', up ? (up.pending + ' waiting' + (up.oldestPendingSeconds ? ', the oldest for '
          + up.oldestPendingSeconds + ' s' : '')) : 'no bucket configured'],
        ['Upload error', up && (up.lastError || null)],
        ['Keeps free', ret && bytes(ret.minFreeBytes)],
        ['Deleted since start', ret && ret.deletedSinceStart],
        ['Last deleted', ret && ret.lastDeleted && (ret.lastDeleted.file + ': ' + ret.lastDeleted.reason)],
        ['Warning', ret && ret.warning],
      ]);
    } catch (e) {
      showError(errors, e);
    }
    document.body.dataset.ready = 'true';
  }

  VS.header('/status');
  load();
  setInterval(load, 10000);
})();
