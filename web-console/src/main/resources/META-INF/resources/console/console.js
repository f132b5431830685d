// Shared code of the console pages: the API key (kept in this browser's localStorage), calls to
// the platform's REST API with RFC 9457 errors shown to the user, and the navigation bar.
const Console = (() => {
  const KEY = 'cea.apiKey';
  const pages = [
    ['index.html', 'Operations'], ['financial.html', 'Financial'], ['quality.html', 'Quality'],
    ['executive.html', 'Executive'], ['alerts.html', 'Alerts'], ['reports.html', 'Reports'], ['admin.html', 'Admin'],
  ];

  function apiKey() { return localStorage.getItem(KEY) || ''; }

  // A key handed over in the fragment (#key=…, never sent to a server) is stored and removed from the address.
  (function keyFromFragment() {
    const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
    if (match) {
      localStorage.setItem(KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  })();

  function setApiKey(key) { localStorage.setItem(KEY, key.trim()); }

  function showError(message) {
    let box = document.getElementById('error');
    if (!box) { box = document.createElement('div'); box.id = 'error'; document.body.appendChild(box); }
    box.textContent = message;
    box.style.display = 'block';
    clearTimeout(showError.timer);
    showError.timer = setTimeout(() => { box.style.display = 'none'; }, 8000);
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ 'X-API-Key': apiKey(), 'Accept': 'application/json' }, options.headers || {});
    if (options.body && typeof options.body !== 'string') {
      headers['Content-Type'] = 'application/json';
      options = Object.assign({}, options, { body: JSON.stringify(options.body) });
    }
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : (body.title || response.statusText);
      showError(`${response.status}: ${detail}`);
      const error = new Error(detail);
      error.status = response.status; error.problem = body;
      throw error;
    }
    return body;
  }

  function header(active) {
    const el = document.createElement('header');
    el.innerHTML = `<h1>Call Exchange Analytics</h1><nav>${pages.map(([href, label]) =>
      `<a href="${href}" class="${href === active ? 'active' : ''}">${label}</a>`).join('')}</nav>
      <form id="key-form"><input id="api-key" type="password" placeholder="API key" size="28">
      <button type="submit">Use key</button></form>`;
    document.body.prepend(el);
    const input = el.querySelector('#api-key');
    input.value = apiKey();
    el.querySelector('#key-form').addEventListener('submit', (e) => {
      e.preventDefault(); setApiKey(input.value); location.reload();
    });
  }

  function fmt(value, unit) {
    if (value === null || value === undefined) return '–';
    const n = Number(value);
    if (unit === 'ratio') return (n * 100).toFixed(2) + ' %';
    if (unit && unit.startsWith('currency')) return n.toLocaleString(undefined, { style: 'currency', currency: 'USD' });
    return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
  }

  return { apiKey, setApiKey, api, header, showError, fmt };
})();
