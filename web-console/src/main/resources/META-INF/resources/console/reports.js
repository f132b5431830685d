// The report page: generate a report (a job with progress for long periods), list and download
// reports, create and cancel schedules, and show the run history of schedules. Talks to
// /api/v1/reports and /api/v1/report-schedules through Console.api.
const Reports = (() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const local = (t) => String(t || '').replace('T', ' ').replace(/ 00:00(:00)?$/, '').replace(/:00$/, '');
  const when = (t) => (t ? new Date(t).toLocaleString() : '–');
  const list = (s) => String(s || '').split(',').map((x) => x.trim()).filter(Boolean);

  function showFields() {
    const type = $('report-type').value;
    document.querySelectorAll('#generate-form [data-for]').forEach((el) => {
      el.classList.toggle('hidden', !el.dataset.for.split(' ').includes(type));
    });
  }

  function filters(text) {
    const out = {};
    String(text || '').split(';').map((p) => p.trim()).filter(Boolean).forEach((part) => {
      const [dim, values] = part.split('=');
      if (dim && values) out[dim.trim()] = list(values);
    });
    return out;
  }

  function spec() {
    const type = $('report-type').value;
    const body = { type, zone: $('report-zone').value.trim() || zone };
    if (type === 'daily' && $('report-date').value) body.date = $('report-date').value;
    if (type === 'weekly' || type === 'monthly') {
      if ($('report-year').value) body.year = Number($('report-year').value);
      if (type === 'weekly' && $('report-week').value) body.week = Number($('report-week').value);
      if (type === 'monthly' && $('report-month').value) body.month = Number($('report-month').value);
    }
    if (type === 'custom') {
      body.from = $('report-from').value;
      body.to = $('report-to').value;
      const metrics = list($('report-metrics').value);
      if (metrics.length) body.metrics = metrics;
      const groupBy = list($('report-group').value);
      if (groupBy.length) body.group_by = groupBy;
      const f = filters($('report-filters').value);
      if (Object.keys(f).length) body.filters = f;
    }
    return body;
  }

  function progress(report) {
    $('progress').value = report.percent;
    const label = report.status === 'done' ? 'Done' : report.status === 'failed' ? 'Failed' : 'Generating';
    $('generate-status').textContent = `${label}: ${report.title} – ${report.percent} %${report.error ? ' – ' + report.error : ''}`;
  }

  async function generate(event) {
    event.preventDefault();
    $('generate-button').disabled = true;
    $('progress').value = 0;
    $('generate-status').textContent = 'Submitting…';
    try {
      let report = await Console.api('/api/v1/reports', { method: 'POST', body: spec() });
      progress(report);
      while (report.status === 'queued' || report.status === 'running') {
        await new Promise((r) => setTimeout(r, 500));
        report = await Console.api(report.links.self);
        progress(report);
      }
      await loadReports();
    } catch (e) {
      $('generate-status').textContent = `Refused: ${e.message}`;
    } finally {
      $('generate-button').disabled = false;
    }
  }

  /** The export of a report as a Blob (downloads need the API key header, so no plain links). */
  async function fetchExport(id, format) {
    const response = await fetch(`/api/v1/reports/${id}/${format}`, { headers: { 'X-API-Key': Console.apiKey() } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      Console.showError(`${response.status}: ${problem.detail || response.statusText}`);
      throw new Error(problem.detail || response.statusText);
    }
    return response.blob();
  }

  async function download(id, format, title) {
    const blob = await fetchExport(id, format);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${format}`;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  async function loadReports() {
    const reports = await Console.api('/api/v1/reports?limit=30');
    $('reports-table').querySelector('tbody').innerHTML = reports.map((r) => `
      <tr data-id="${esc(r.id)}">
        <td>${esc(r.title)}</td>
        <td>${esc(local(r.period_start))} – ${esc(local(r.period_end))}</td>
        <td>${esc(r.zone)}</td>
        <td class="${r.status === 'failed' ? 'bad' : r.status === 'done' ? 'ok' : 'warn'}">${esc(r.status)}${r.status === 'done' ? '' : ' ' + r.percent + ' %'}</td>
        <td>${when(r.created_at)}</td>
        <td>${esc(r.created_by)}</td>
        <td class="actions">${r.status === 'done'
          ? `<button data-download="csv">CSV</button><button data-download="pdf">PDF</button>`
          : esc(r.error || '')}</td>
      </tr>`).join('');
    $('reports-table').querySelectorAll('button[data-download]').forEach((b) => {
      const row = b.closest('tr');
      b.addEventListener('click', () => download(row.dataset.id, b.dataset.download, row.cells[0].textContent));
    });
  }

  async function createSchedule(event) {
    event.preventDefault();
    const formats = [];
    if ($('schedule-pdf').checked) formats.push('pdf');
    if ($('schedule-csv').checked) formats.push('csv');
    try {
      await Console.api('/api/v1/report-schedules', {
        method: 'POST',
        body: {
          name: $('schedule-name').value.trim(),
          type: $('schedule-type').value,
          cron: $('schedule-cron').value.trim(),
          zone: $('schedule-zone').value.trim() || zone,
          recipients: list($('schedule-recipients').value),
          formats,
        },
      });
      $('schedule-name').value = '';
      await loadSchedules();
    } catch (e) { /* Console.api showed the problem */ }
  }

  async function cancelSchedule(id) {
    try {
      await Console.api(`/api/v1/report-schedules/${id}`, { method: 'DELETE' });
    } finally {
      await loadSchedules();
    }
  }

  async function loadSchedules() {
    const schedules = await Console.api('/api/v1/report-schedules');
    $('schedules-table').querySelector('tbody').innerHTML = schedules.map((s) => `
      <tr data-id="${esc(s.id)}">
        <td>${esc(s.name)}</td><td>${esc(s.type)}</td><td><code>${esc(s.cron)}</code></td><td>${esc(s.zone)}</td>
        <td>${esc(s.recipients.join(', '))}</td><td>${esc(s.formats.join(', '))}</td>
        <td>${when(s.next_fire_time)}</td>
        <td class="actions"><button data-cancel>Cancel</button></td>
      </tr>`).join('');
    $('schedules-table').querySelectorAll('button[data-cancel]').forEach((b) => {
      b.addEventListener('click', () => cancelSchedule(b.closest('tr').dataset.id));
    });
  }

  async function loadRuns() {
    const runs = await Console.api('/api/v1/report-schedules/runs?limit=50');
    $('runs-table').querySelector('tbody').innerHTML = runs.map((r) => `
      <tr data-id="${esc(r.id)}">
        <td>${esc(r.schedule_name)}</td>
        <td>${when(r.fire_time)}${r.catch_up ? ' <span class="muted">(catch-up)</span>' : ''}</td>
        <td class="${r.status === 'succeeded' ? 'ok' : r.status === 'failed' ? 'bad' : 'warn'}">${esc(r.status)}</td>
        <td class="num">${r.duration_ms == null ? '–' : (r.duration_ms / 1000).toFixed(1) + ' s'}</td>
        <td>${esc(r.delivery || '–')}</td>
        <td class="num">${r.delivery_attempts}</td>
        <td>${esc(r.error || r.delivery_detail || '')}</td>
        <td>${r.report_id ? `<button data-report="${esc(r.report_id)}">PDF</button>` : ''}</td>
      </tr>`).join('');
    $('runs-table').querySelectorAll('button[data-report]').forEach((b) => {
      b.addEventListener('click', () => download(b.dataset.report, 'pdf', 'scheduled-report'));
    });
  }

  function init() {
    Console.header('reports.html');
    const today = new Date();
    $('report-zone').placeholder = zone;
    $('schedule-zone').placeholder = zone;
    $('report-year').value = today.getFullYear();
    $('report-month').value = today.getMonth() === 0 ? 12 : today.getMonth();
    $('report-type').addEventListener('change', showFields);
    $('generate-form').addEventListener('submit', generate);
    $('schedule-form').addEventListener('submit', createSchedule);
    showFields();
    if (!Console.apiKey()) {
      Console.showError('Enter an API key (top right) to use reports.');
      return;
    }
    Promise.allSettled([loadReports(), loadSchedules(), loadRuns()]);
    setInterval(() => { loadRuns().catch(() => {}); }, 30000);
  }

  document.addEventListener('DOMContentLoaded', init);
  return { fetchExport, loadReports, loadSchedules, loadRuns };
})();
