// Renders a dashboard from GetDashboardData (/api/v1/dashboards/{id}) widget by widget, and
// refreshes it at the dashboard's own rate. Charts are Chart.js; each widget kind has one drawer.
const Dashboard = (() => {
  const palette = ['#4fa3ff', '#3ecf8e', '#f5a623', '#ff5c5c', '#b48cff', '#5ce1e6', '#ffd166', '#ef476f', '#8ac926', '#c0c0c0'];
  const charts = {};

  function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function groupLabel(group) {
    const values = Object.values(group || {});
    return values.length ? values.join(' / ') : 'all';
  }

  function chart(id, canvas, config) {
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update('none');
      return charts[id];
    }
    const defaults = { animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { labels: { color: '#d8dee9' } } },
      scales: config.type === 'pie' || config.type === 'doughnut' ? {} : {
        x: { ticks: { color: '#8a94a6', maxTicksLimit: 8 }, grid: { color: '#263040' } },
        y: { ticks: { color: '#8a94a6' }, grid: { color: '#263040' }, beginAtZero: true } } };
    charts[id] = new Chart(canvas, Object.assign({}, config, { options: Object.assign(defaults, config.options || {}) }));
    return charts[id];
  }

  function timeLabel(t) {
    const d = new Date(t);
    return d.toISOString().slice(5, 16).replace('T', ' ');
  }

  function seriesDatasets(series) {
    return series.map((s, i) => ({
      label: groupLabel(s.group), data: s.points.map(p => p.value === null ? null : Number(p.value)),
      borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, tension: 0.2,
    }));
  }

  function table(headers, rows) {
    const t = el('table');
    const head = el('tr');
    headers.forEach(h => head.appendChild(el('th', {}, h)));
    t.appendChild(head);
    rows.forEach(r => {
      const tr = el('tr');
      r.forEach(c => { const td = el('td'); if (c instanceof Node) td.appendChild(c); else td.textContent = c; tr.appendChild(td); });
      t.appendChild(tr);
    });
    return t;
  }

  const drawers = {
    timeseries(w, body) {
      const first = w.data.series[0];
      const labels = first ? first.points.map(p => timeLabel(p.time)) : [];
      chart(w.id, canvasIn(body), { type: 'line', data: { labels, datasets: seriesDatasets(w.data.series) } });
      body.dataset.points = first ? first.points.length : 0;
    },
    bar(w, body) { rowsChart(w, body, 'bar'); },
    pie(w, body) { rowsChart(w, body, 'pie'); },
    map(w, body) {
      // a state table with bars: a geographic map needs map data the console does not ship
      const rows = w.data.rows;
      const max = Math.max(1, ...rows.map(r => Number(r.value || 0)));
      body.replaceChildren(table(['State', 'Active calls', ''], rows.map(r => {
        const bar = el('div', { class: 'bar', style: `width:${(100 * Number(r.value || 0) / max).toFixed(0)}%` });
        return [groupLabel(r.group), Console.fmt(r.value, w.data.unit), bar];
      })));
    },
    table(w, body) {
      body.replaceChildren(table([w.data.group_by.join(' / ') || 'group', w.data.metric], w.data.rows.map(r =>
        [groupLabel(r.group), Console.fmt(r.value, w.data.unit)])));
    },
    grid(w, body) {
      const grid = el('div', { class: 'grid' });
      w.data.rows.forEach(r => {
        const v = Number(r.value);
        const cls = r.value === null ? 'muted' : v >= 1 ? 'ok' : v >= 0.5 ? 'warn' : 'bad';
        const cell = el('div', { class: 'tile ' + cls });
        cell.appendChild(el('div', {}, groupLabel(r.group)));
        cell.appendChild(el('div', { class: 'big' }, r.value === null ? '–' : v >= 1 ? 'up' : v >= 0.5 ? 'degraded' : 'down'));
        grid.appendChild(cell);
      });
      body.replaceChildren(grid);
    },
    value(w, body) {
      body.replaceChildren(el('div', { class: 'big' }, Console.fmt(w.data.rows[0] ? w.data.rows[0].value : null, w.data.unit)),
        el('div', { class: 'muted' }, w.data.unit));
    },
    gauge(w, body) {
      const d = w.data;
      const done = Math.min(1, Number(d.ratio || 0));
      chart(w.id, canvasIn(body, 'gauge'), { type: 'doughnut', data: { labels: ['revenue', 'to target'],
        datasets: [{ data: [done, 1 - done], backgroundColor: [done >= Number(d.expected_by_now) / Number(d.target) ? '#3ecf8e' : '#f5a623', '#263040'], borderWidth: 0 }] },
        options: { rotation: -90, circumference: 180, cutout: '70%', plugins: { legend: { display: false } } } });
      let info = body.querySelector('.gauge-info');
      if (!info) { info = el('div', { class: 'gauge-info' }); body.appendChild(info); }
      info.textContent = `${Console.fmt(d.value, 'currency')} of ${Console.fmt(d.target, 'currency')} (${(100 * Number(d.ratio || 0)).toFixed(1)} %; pace ${d.pace === null ? '–' : (100 * Number(d.pace)).toFixed(0) + ' %'} of the pro-rata target)`;
    },
    alerts(w, body) {
      body.replaceChildren(table(['Check', 'Group', 'Value', 'Warn', 'Critical', 'State'], w.data.checks.map(c => {
        const state = el('span', { class: c.state === 'critical' ? 'bad' : c.state === 'warning' ? 'warn' : c.state === 'ok' ? 'ok' : 'muted' }, c.state);
        return [c.label, groupLabel(c.group), Console.fmt(c.value, c.unit), c.warning, c.critical, state];
      })));
    },
    comparison(w, body) {
      body.replaceChildren(table(['Metric', 'Period', 'Current', 'Previous', 'Growth'], w.data.comparisons.map(c => {
        const g = c.growth === null ? '–' : (100 * Number(c.growth)).toFixed(1) + ' %';
        return [c.metric, c.period, Console.fmt(c.current, c.unit), Console.fmt(c.previous, c.unit),
          el('span', { class: c.growth === null ? 'muted' : Number(c.growth) >= 0 ? 'ok' : 'bad' }, g)];
      })));
    },
    forecast(w, body) {
      const d = w.data;
      const labels = d.history.map(p => p.date).concat(d.forecast.map(p => p.date));
      const hist = d.history.map(p => Number(p.value)).concat(d.forecast.map(() => null));
      const ahead = d.history.map(() => null).concat(d.forecast.map(p => Number(p.value)));
      chart(w.id, canvasIn(body), { type: 'line', data: { labels, datasets: [
        { label: 'daily revenue', data: hist, borderColor: palette[0], pointRadius: 0 },
        { label: 'forecast', data: ahead, borderColor: palette[2], borderDash: [6, 4], pointRadius: 0 }] } });
      let info = body.querySelector('.forecast-info');
      if (!info) { info = el('div', { class: 'muted forecast-info' }); body.appendChild(info); }
      info.textContent = `${d.method}; ${d.fitted_days} days fitted, R² ${d.r2}; next 7 days ${Console.fmt(d.next_7_days_total, 'currency')}`;
    },
  };

  function rowsChart(w, body, type) {
    const rows = w.data.rows;
    chart(w.id, canvasIn(body), { type, data: { labels: rows.map(r => groupLabel(r.group)),
      datasets: [{ label: w.data.metric, data: rows.map(r => r.value === null ? null : Number(r.value)),
        backgroundColor: type === 'pie' ? rows.map((_, i) => palette[i % palette.length]) : palette[0] }] },
      options: type === 'bar' ? { plugins: { legend: { display: false } } } : {} });
  }

  function canvasIn(body, cls = 'chart') {
    let box = body.querySelector('.' + cls);
    if (!box) {
      box = el('div', { class: cls });
      box.appendChild(el('canvas'));
      body.replaceChildren(box);
    }
    return box.querySelector('canvas');
  }

  function panel(main, w, wide) {
    let p = document.getElementById('w-' + w.id);
    if (!p) {
      p = el('section', { class: 'panel' + (wide ? ' wide' : ''), id: 'w-' + w.id, 'data-kind': w.kind });
      p.appendChild(el('h2', {}, w.title));
      p.appendChild(el('div', { class: 'body' }));
      main.appendChild(p);
    }
    return p.querySelector('.body');
  }

  function render(main, dashboard, skip = []) {
    dashboard.widgets.filter(w => !skip.includes(w.id)).forEach(w => {
      const body = panel(main, w, w.kind === 'timeseries' || w.kind === 'forecast');
      if (w.error) {
        delete charts[w.id];
        body.replaceChildren(el('div', { class: w.error.status === 403 ? 'muted' : 'bad' },
          w.error.status === 403 ? 'Not available with this key' : `${w.error.title}: ${w.error.detail}`));
        return;
      }
      try { (drawers[w.kind] || drawers.table)(w, body); } catch (e) { body.textContent = 'cannot draw: ' + e.message; }
    });
  }

  // Loads the dashboard and keeps it fresh at its refresh rate (at least every second).
  async function start(id, main, options = {}) {
    let refresh = 30;
    async function load() {
      try {
        const d = await Console.api(`/api/v1/dashboards/${id}`);
        refresh = d.refresh_seconds;
        const info = document.getElementById('refresh-info');
        if (info) info.textContent = `refresh ${d.refresh}, updated ${new Date(d.generated_at).toLocaleTimeString()}`;
        render(main, d, options.skip || []);
      } catch (e) { /* shown by Console.api */ }
      setTimeout(load, Math.max(1, options.refreshSeconds || refresh) * 1000);
    }
    await load();
  }

  return { start, render, chart, charts, seriesDatasets, timeLabel, groupLabel, table, el };
})();
