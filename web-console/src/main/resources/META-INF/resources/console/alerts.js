// The alerts page: active alerts (acknowledge, silence), one alert's timeline, silences, history,
// the rule editor with validation as you type (the error's position is marked in the condition),
// and the health of the receivers. Talks to alert-service's /api/v1/alerts, /api/v1/alert-rules and
// /api/v1/silences (through query-api's proxy in production).
(() => {
  Console.header('alerts.html');

  const $ = (id) => document.getElementById(id);
  const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) =>
    ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const time = (t) => (t ? new Date(t).toLocaleString() : '–');
  const groupText = (g) => {
    const entries = Object.entries(g || {});
    return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'all';
  };
  const sev = (s) => `<span class="sev-${esc(s)}">${esc(s)}</span>`;
  const state = (s) => `<span class="state-${esc(s)}">${esc(s)}</span>`;

  // ---- active alerts --------------------------------------------------------------------------

  async function loadActive() {
    const severity = $('active-severity').value;
    const alerts = await Console.api('/api/v1/alerts' + (severity ? `?severity=${encodeURIComponent(severity)}` : ''));
    $('active-count').textContent = `(${alerts.length})`;
    $('active-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    const body = $('active-alerts').querySelector('tbody');
    body.innerHTML = alerts.length ? '' : '<tr><td colspan="8" class="muted">No active alerts.</td></tr>';
    for (const a of alerts) {
      const tr = document.createElement('tr');
      tr.className = 'clickable';
      tr.dataset.alertId = a.id;
      tr.innerHTML = `<td>${sev(a.severity)}</td><td>${esc(a.rule)}</td><td>${esc(groupText(a.group))}</td>
        <td>${state(a.state)}${a.silenced_by ? ' <span class="muted">(silenced)</span>' : ''}</td>
        <td class="mono">${esc(a.summary)}</td><td>${time(a.fired_at || a.started_at)}</td>
        <td>${a.acknowledged ? `${esc(a.acknowledged.by)} <span class="muted">${time(a.acknowledged.at)}</span>` : '–'}</td>
        <td class="actions">
          ${a.state === 'firing' && !a.acknowledged ? '<button type="button" class="ack">Acknowledge</button>' : ''}
          <button type="button" class="silence">Silence</button></td>`;
      tr.querySelector('.ack')?.addEventListener('click', (e) => { e.stopPropagation(); acknowledge(a); });
      tr.querySelector('.silence').addEventListener('click', (e) => { e.stopPropagation(); prepareSilence(a); });
      tr.addEventListener('click', () => showDetail(a.id));
      body.appendChild(tr);
    }
  }

  async function acknowledge(alert) {
    await Console.api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', body: {} });
    await loadActive();
  }

  // ---- one alert ------------------------------------------------------------------------------

  async function showDetail(id) {
    const a = await Console.api(`/api/v1/alerts/${encodeURIComponent(id)}`);
    $('detail-title').textContent = `${a.rule} (${groupText(a.group)})`;
    const comparisons = (a.comparisons || []).map((c) =>
      `<li class="mono">${esc(c.text)}: ${esc(c.left)} = ${esc(c.left_value ?? 'no data')}, ${esc(c.right)} = ${esc(c.right_value ?? 'no data')} → ${esc(String(c.truth).toLowerCase())}</li>`).join('');
    const events = (a.events || []).map((e) =>
      `<li><span class="muted">${time(e.at)}</span> <b>${esc(e.kind)}</b>${e.actor ? ' by ' + esc(e.actor) : ''}: ${esc(e.message)}</li>`).join('');
    const sent = (a.notifications || []).map((n) =>
      `<tr><td>${esc(n.receiver)}</td><td>${esc(n.kind)}</td><td>${esc(n.status)}</td><td>${esc(n.attempts)}</td><td>${esc(n.last_error || '')}</td></tr>`).join('');
    $('detail-body').innerHTML = `
      <p>${sev(a.severity)} ${state(a.state)} · condition <span class="mono">${esc(a.condition)}</span> over ${esc(a.window)}
         · value <b>${esc(a.value ?? 'no data')}</b>, threshold <b>${esc(a.threshold ?? '–')}</b></p>
      <ul class="timeline">${comparisons}</ul>
      <h2>Timeline</h2><ul class="timeline" id="detail-events">${events}</ul>
      <h2>Notifications</h2>
      <table><thead><tr><th>Receiver</th><th>Kind</th><th>Status</th><th>Attempts</th><th>Last error</th></tr></thead><tbody>${sent}</tbody></table>`;
    $('detail-panel').classList.remove('hidden');
  }

  // ---- silences -------------------------------------------------------------------------------

  function prepareSilence(alert) {
    const matchers = [`alertname=${alert.rule}`].concat(Object.entries(alert.group || {}).map(([k, v]) => `${k}=${v}`));
    $('silence-matchers').value = matchers.join(', ');
    $('silence-comment').value = '';
    $('silence-comment').focus();
    $('silences-panel').scrollIntoView();
  }

  function parseMatchers(text) {
    return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*)$/.exec(s);
      if (!m) throw new Error(`not a matcher: '${s}' (write name=value, name!=value, name=~regex or name!~regex)`);
      return { name: m[1], operator: m[2], value: m[3].trim() };
    });
  }

  async function createSilence(e) {
    e.preventDefault();
    let matchers;
    try { matchers = parseMatchers($('silence-matchers').value); } catch (err) { Console.showError(err.message); return; }
    await Console.api('/api/v1/silences', { method: 'POST', body: {
      matchers, duration: $('silence-duration').value.trim(), comment: $('silence-comment').value } });
    $('silence-comment').value = '';
    await Promise.all([loadSilences(), loadActive()]);
  }

  async function loadSilences() {
    const silences = await Console.api('/api/v1/silences');
    const body = $('silences').querySelector('tbody');
    body.innerHTML = silences.length ? '' : '<tr><td colspan="7" class="muted">No silences.</td></tr>';
    for (const s of silences) {
      const tr = document.createElement('tr');
      tr.dataset.silenceId = s.id;
      tr.innerHTML = `<td class="mono">${esc(s.matchers.map((m) => m.name + m.operator + m.value).join(', '))}</td>
        <td>${esc(s.state)}</td><td>${time(s.starts_at)}</td><td>${time(s.ends_at)}</td><td>${esc(s.comment)}</td>
        <td>${esc(s.created_by)}</td><td class="actions"><button type="button" class="expire">Expire</button></td>`;
      tr.querySelector('.expire').addEventListener('click', async () => {
        await Console.api(`/api/v1/silences/${s.id}`, { method: 'DELETE' });
        await loadSilences();
      });
      body.appendChild(tr);
    }
  }

  // ---- history --------------------------------------------------------------------------------

  async function loadHistory(e) {
    if (e) e.preventDefault();
    const params = new URLSearchParams();
    for (const [key, id] of [['rule', 'history-rule'], ['severity', 'history-severity'], ['state', 'history-state']]) {
      if ($(id).value.trim()) params.set(key, $(id).value.trim());
    }
    if ($('history-from').value) params.set('from', new Date($('history-from').value).toISOString());
    if ($('history-to').value) params.set('to', new Date($('history-to').value).toISOString());
    params.set('events', 'false');
    const alerts = await Console.api('/api/v1/alerts/history?' + params);
    const body = $('history').querySelector('tbody');
    body.innerHTML = alerts.length ? '' : '<tr><td colspan="8" class="muted">Nothing in this period.</td></tr>';
    for (const a of alerts) {
      const tr = document.createElement('tr');
      tr.className = 'clickable';
      tr.dataset.alertId = a.id;
      tr.innerHTML = `<td>${time(a.started_at)}</td><td>${sev(a.severity)}</td><td>${esc(a.rule)}</td>
        <td>${esc(groupText(a.group))}</td><td>${state(a.state)}</td><td class="mono">${esc(a.summary)}</td>
        <td>${time(a.resolved_at)}</td><td>${a.acknowledged ? esc(a.acknowledged.by) : '–'}</td>`;
      tr.addEventListener('click', () => showDetail(a.id));
      body.appendChild(tr);
    }
  }

  // ---- rules ----------------------------------------------------------------------------------

  let editing = null; // {name, version} of the rule being edited, null for a new one

  async function loadRules() {
    const rules = await Console.api('/api/v1/alert-rules');
    const body = $('rules').querySelector('tbody');
    body.innerHTML = rules.length ? '' : '<tr><td colspan="8" class="muted">No rules.</td></tr>';
    for (const r of rules) {
      const tr = document.createElement('tr');
      tr.dataset.rule = r.name;
      tr.innerHTML = `<td>${esc(r.name)}</td><td class="mono">${esc(r.condition)}</td><td>${esc(r.window)}</td>
        <td>${sev(r.severity)}</td><td>${esc((r.group_by || []).join(', ') || '–')}</td>
        <td>${esc(r.notification.map((n) => Object.entries(n)[0].join(': ')).join(', '))}</td>
        <td>${r.enabled ? 'yes' : 'no'}</td>
        <td class="actions"><button type="button" class="edit">Edit</button> <button type="button" class="delete">Delete</button></td>`;
      tr.querySelector('.edit').addEventListener('click', () => openEditor(r));
      const del = tr.querySelector('.delete');
      del.addEventListener('click', async () => {
        if (del.dataset.armed !== 'yes') { del.dataset.armed = 'yes'; del.textContent = 'Really delete?'; return; }
        await Console.api(`/api/v1/alert-rules/${encodeURIComponent(r.name)}`, { method: 'DELETE' });
        await loadRules();
      });
      body.appendChild(tr);
    }
  }

  const pairs = (text, sep) => text.split(sep).map((s) => s.trim()).filter(Boolean).map((s) => {
    const i = s.indexOf('=');
    return i < 0 ? [s, ''] : [s.slice(0, i).trim(), s.slice(i + 1).trim()];
  });
  const unpairs = (map, sep) => Object.entries(map || {}).map(([k, v]) => `${k}=${v}`).join(sep);

  function ruleFromForm() {
    const rule = {
      name: $('rule-name').value.trim(),
      description: $('rule-description').value,
      condition: $('rule-condition').value,
      window: $('rule-window').value.trim(),
      severity: $('rule-severity').value,
      for: $('rule-for').value.trim() || '0s',
      keep_firing_for: $('rule-keep').value.trim() || '0s',
      repeat_interval: $('rule-repeat').value.trim() || '4h',
      filters: Object.fromEntries(pairs($('rule-filters').value, ';').map(([k, v]) => [k, v.split(',').map((x) => x.trim()).filter(Boolean)])),
      group_by: $('rule-group-by').value.split(',').map((s) => s.trim()).filter(Boolean),
      parameters: Object.fromEntries(pairs($('rule-parameters').value, ',').map(([k, v]) => [k, v])),
      labels: Object.fromEntries(pairs($('rule-labels').value, ',')),
      annotations: Object.fromEntries(pairs($('rule-annotations').value, '\n')),
      notification: $('rule-notifications').value.split('\n').map((s) => s.trim()).filter(Boolean).map((line) => {
        const i = line.indexOf(':');
        return i < 0 ? { [line]: '' } : { [line.slice(0, i).trim()]: line.slice(i + 1).trim() };
      }),
      enabled: $('rule-enabled').checked,
    };
    return rule;
  }

  function openEditor(rule) {
    editing = rule ? { name: rule.name, version: rule.version } : null;
    $('rule-form-title').textContent = rule ? `Edit ${rule.name}` : 'New rule';
    const r = rule || { window: '5m', severity: 'warning', for: '0s', keep_firing_for: '0s', repeat_interval: '4h', enabled: true };
    $('rule-name').value = r.name || '';
    $('rule-name').disabled = !!rule;
    $('rule-description').value = r.description || '';
    $('rule-condition').value = r.condition || '';
    $('rule-window').value = r.window || '';
    $('rule-severity').value = r.severity || 'warning';
    $('rule-for').value = r.for || '0s';
    $('rule-keep').value = r.keep_firing_for || '0s';
    $('rule-repeat').value = r.repeat_interval || '4h';
    $('rule-filters').value = Object.entries(r.filters || {}).map(([k, v]) => `${k}=${v.join(',')}`).join('; ');
    $('rule-group-by').value = (r.group_by || []).join(', ');
    $('rule-parameters').value = unpairs(r.parameters, ', ');
    $('rule-labels').value = unpairs(r.labels, ', ');
    $('rule-annotations').value = unpairs(r.annotations, '\n');
    $('rule-notifications').value = (r.notification || []).map((n) => Object.entries(n)[0].join(': ')).join('\n');
    $('rule-enabled').checked = r.enabled !== false;
    $('rule-form').classList.remove('hidden');
    showFeedback(null);
    $('rule-condition').focus();
  }

  function closeEditor() {
    $('rule-form').classList.add('hidden');
    editing = null;
  }

  function inputFor(field) {
    const key = String(field || '').split(/[.[]/)[0];
    return document.querySelector(`#rule-form [data-field="${CSS.escape(key)}"]`);
  }

  // Shows a validation result: null clears, {valid...} confirms, a problem marks the field and, for
  // the condition, the character where the error is.
  function showFeedback(result) {
    const box = $('rule-feedback');
    document.querySelectorAll('#rule-form .invalid').forEach((el) => el.classList.remove('invalid'));
    if (!result) { box.innerHTML = ''; box.dataset.state = ''; return; }
    if (result.valid) {
      box.dataset.state = 'valid';
      box.innerHTML = `<span class="ok">✓ Valid: reads ${esc(result.metrics.join(', '))}</span>`;
      return;
    }
    box.dataset.state = 'invalid';
    const problem = result.problem || {};
    const errors = problem.errors && problem.errors.length ? problem.errors
      : [{ field: problem.field, position: problem.position, reason: problem.reason || problem.detail || 'invalid' }];
    box.innerHTML = errors.map((err) => {
      const input = inputFor(err.field);
      if (input) input.classList.add('invalid');
      let html = `<div class="bad" data-field="${esc(err.field)}" data-position="${esc(err.position ?? '')}">${esc(err.field)}: ${esc(err.reason)}${
        err.position != null ? ` (at position ${esc(err.position)})` : ''}</div>`;
      if (err.field === 'condition' && err.position != null) {
        const text = $('rule-condition').value;
        html += `<pre class="mono" id="condition-caret">${esc(text)}\n${' '.repeat(err.position)}<span class="caret">^</span> ${esc(err.reason)}</pre>`;
      }
      return html;
    }).join('');
    const first = errors[0];
    if (first.field === 'condition' && first.position != null && document.activeElement === $('rule-condition')) {
      const end = $('rule-condition').value.length;
      $('rule-condition').setSelectionRange(Math.min(first.position, end), Math.min(first.position + 1, end));
    }
  }

  // Validation as the author types: quiet (no error toast), the last answer wins.
  let validationRun = 0;
  async function validate() {
    const run = ++validationRun;
    const response = await fetch('/api/v1/alert-rules/validate', {
      method: 'POST',
      headers: { 'X-API-Key': Console.apiKey(), 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(ruleFromForm()),
    });
    const body = await response.json().catch(() => ({}));
    if (run !== validationRun) return;
    showFeedback(response.ok ? body : { problem: body });
  }
  let validateTimer;
  function scheduleValidation() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 300);
  }

  async function saveRule(e) {
    e.preventDefault();
    const rule = ruleFromForm();
    try {
      if (editing) {
        await Console.api(`/api/v1/alert-rules/${encodeURIComponent(editing.name)}`, {
          method: 'PUT', body: rule, headers: { 'If-Match': `"${editing.version}"` } });
      } else {
        await Console.api('/api/v1/alert-rules', { method: 'POST', body: rule });
      }
    } catch (err) {
      if (err.problem) showFeedback({ problem: err.problem });
      return;
    }
    closeEditor();
    await loadRules();
  }

  // ---- receivers ------------------------------------------------------------------------------

  async function loadReceivers() {
    const receivers = await Console.api('/api/v1/alerts/receivers');
    const body = $('receivers').querySelector('tbody');
    body.innerHTML = receivers.map((r) => `<tr data-receiver="${esc(r.receiver)}">
      <td>${esc(r.receiver)}</td><td>${time(r.last_delivered_at)}</td>
      <td class="${r.consecutive_failures > 0 ? 'bad' : ''}">${esc(r.consecutive_failures)}</td>
      <td>${esc(r.waiting)}</td><td class="${r.given_up > 0 ? 'bad' : ''}">${esc(r.given_up)}</td>
      <td class="muted">${esc(r.last_error || '')}</td></tr>`).join('');
  }

  // ---- wiring ---------------------------------------------------------------------------------

  $('refresh-active').addEventListener('click', loadActive);
  $('active-severity').addEventListener('change', loadActive);
  $('detail-close').addEventListener('click', () => { $('detail-panel').classList.add('hidden'); history.replaceState(null, '', '#'); });
  $('silence-form').addEventListener('submit', createSilence);
  $('history-form').addEventListener('submit', loadHistory);
  $('rule-new').addEventListener('click', () => openEditor(null));
  $('rule-cancel').addEventListener('click', closeEditor);
  $('rule-form').addEventListener('submit', saveRule);
  $('rule-form').addEventListener('input', scheduleValidation);
  $('rule-form').addEventListener('change', scheduleValidation);

  const quietly = (p) => p.catch(() => {});
  quietly(loadActive());
  quietly(loadSilences());
  quietly(loadHistory());
  quietly(loadRules());
  quietly(loadReceivers());
  const deepLink = /^#alert=([0-9a-f-]{36})$/.exec(location.hash);
  if (deepLink) quietly(showDetail(deepLink[1]));
  setInterval(() => { quietly(loadActive()); quietly(loadReceivers()); }, 15000);
})();
