// The Moorcheh web console: one page over the server's public HTTP API, no library, no build.
// Every call goes through api(); every failure shows the API's own message in the notice bar.

const KEY_STORAGE = 'moorcheh.apiKey';
const $ = (selector) => document.querySelector(selector);
const state = { health: null, namespaces: [], pageTokens: [null], pageIndex: 0, lastSearch: null };

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// ---------- API ----------

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers['x-api-key'] = key;
  const options = { method, headers };
  if (body instanceof FormData) {
    options.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new ApiError(0, 'The server did not answer (' + e.message + ').');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = null; }
  if (!response.ok) {
    const message = json && json.message ? json.message : 'HTTP ' + response.status;
    if (response.status === 401) askForKey('The server needs an API key: ' + message);
    if (response.status === 403) {
      throw new ApiError(403, message + ' (Your key\'s role does not allow this; ask an admin for a key with that role.)');
    }
    throw new ApiError(response.status, message);
  }
  return json;
}

const ns = (name) => '/namespaces/' + encodeURIComponent(name);

// ---------- small DOM helpers ----------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function notice(message, kind = 'error') {
  const bar = $('#notice');
  bar.textContent = message;
  bar.className = 'notice ' + kind;
  bar.hidden = false;
  clearTimeout(notice.timer);
  if (kind !== 'error') notice.timer = setTimeout(() => { bar.hidden = true; }, 4000);
}

function clearNotice() {
  $('#notice').hidden = true;
}

async function guarded(action) {
  try {
    clearNotice();
    return await action();
  } catch (e) {
    notice(e instanceof ApiError ? e.message : 'Unexpected error: ' + e.message);
    return undefined;
  }
}

function bar(fraction, label) {
  const fill = el('div', { class: 'fill' });
  fill.style.width = Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + '%';
  return el('div', { class: 'gauge', role: 'progressbar', 'aria-label': label,
    'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': Math.round(fraction * 100) }, fill);
}

function metadataChips(metadata) {
  const entries = Object.entries(metadata || {});
  if (!entries.length) return el('span', { class: 'muted', text: '—' });
  return el('span', { class: 'chips' }, entries.map(([k, v]) =>
    el('span', { class: 'chip', text: k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v) })));
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

// ---------- API key ----------

function askForKey(reason) {
  $('#key-reason').textContent = reason + ' It is kept in this tab only (session storage) and sent as x-api-key.';
  const dialog = $('#key-dialog');
  if (!dialog.open) dialog.showModal();
  $('#key-input').focus();
}

function setupKeyDialog() {
  $('#key-button').addEventListener('click', () => askForKey('Enter an API key if this server asks for one.'));
  $('#key-dialog').addEventListener('close', () => {
    const choice = $('#key-dialog').returnValue;
    if (choice === 'save' && $('#key-input').value.trim()) {
      sessionStorage.setItem(KEY_STORAGE, $('#key-input').value.trim());
      notice('API key set for this tab.', 'info');
      route();
    } else if (choice === 'clear') {
      sessionStorage.removeItem(KEY_STORAGE);
      notice('API key forgotten.', 'info');
    }
    $('#key-input').value = '';
    updateKeyButton();
  });
  updateKeyButton();
}

function updateKeyButton() {
  $('#key-button').textContent = sessionStorage.getItem(KEY_STORAGE) ? 'API key ✓' : 'API key';
}

// ---------- navigation ----------

const sections = ['overview', 'namespaces', 'items', 'upload', 'search', 'answer'];
let refreshTimer = null;

function route() {
  const wanted = location.hash.replace('#', '') || 'overview';
  const current = sections.includes(wanted) ? wanted : 'overview';
  for (const id of sections) $('#' + id).hidden = id !== current;
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.section === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  clearInterval(refreshTimer);
  const loaders = { overview: loadOverview, namespaces: loadNamespaces, items: loadItemsSection,
    upload: loadNamespaceChoices, search: loadSearchSection, answer: loadAnswerSection };
  guarded(loaders[current]);
  if (current === 'overview') refreshTimer = setInterval(() => guarded(loadOverview), 3000);
}

// ---------- overview ----------

async function loadOverview() {
  const health = await api('GET', '/health');
  state.health = health;
  const used = health.max_items > 0 ? health.items / health.max_items : 1;
  $('#quota-text').textContent = health.items.toLocaleString() + ' of ' + health.max_items.toLocaleString();
  const gauge = $('#quota-gauge');
  gauge.setAttribute('aria-valuenow', Math.round(used * 100));
  gauge.querySelector('.fill').style.width = Math.min(100, used * 100).toFixed(1) + '%';
  gauge.classList.toggle('warn', used > 0.9);
  $('#quota-remaining').textContent = health.remaining.toLocaleString() + ' remaining';
  $('#embedding-text').textContent = health.model;
  $('#embedding-provider').textContent = 'provider: ' + health.embedding_provider;
  $('#llm-text').textContent = health.llm_model;
  $('#llm-provider').textContent = 'provider: ' + health.llm_provider;
  const ready = await api('GET', '/ready');
  $('#ready-text').textContent = ready.status;
  $('#version-text').textContent = 'version ' + ready.version;
  const jobs = (await api('GET', '/jobs?limit=10')).jobs;
  const body = $('#jobs-table tbody');
  body.replaceChildren(...jobs.map((job) => el('tr', {},
    el('td', {}, el('code', { text: job.job_id })),
    el('td', { text: job.kind.replace('_', ' ') }),
    el('td', { text: job.namespace_name }),
    el('td', {}, el('span', { class: 'status ' + job.status, text: job.status })),
    el('td', { text: job.kind === 'namespace_delete' ? job.items_deleted + ' deleted' : job.processed + ' / ' + job.total }),
    el('td', { text: when(job.started_at) }))));
  $('#jobs-empty').hidden = jobs.length > 0;
}

// ---------- namespaces ----------

async function fetchNamespaces() {
  state.namespaces = (await api('GET', '/namespaces')).namespaces;
  return state.namespaces;
}

async function loadNamespaces() {
  const list = await fetchNamespaces();
  const body = $('#namespaces-table tbody');
  body.replaceChildren(...list.map((n) => el('tr', { 'data-namespace': n.namespace_name },
    el('td', {}, el('strong', { text: n.namespace_name })),
    el('td', { text: n.type }),
    el('td', { text: n.vector_dimension ?? '—' }),
    el('td', { text: n.item_count.toLocaleString() }),
    el('td', { text: n.embedding_model || '—' }),
    el('td', { text: when(n.created_at) }),
    el('td', {}, el('button', { type: 'button', class: 'danger small', 'aria-label': 'Delete namespace ' + n.namespace_name,
      text: 'Delete', onclick: () => guarded(() => deleteNamespace(n.namespace_name)) })))));
  $('#namespaces-empty').hidden = list.length > 0;
}

async function deleteNamespace(name) {
  if (!confirm('Delete namespace "' + name + '" and all its items?')) return;
  const started = await api('DELETE', ns(name));
  const box = $('#delete-progress');
  const view = jobView('Deleting ' + name);
  box.prepend(view.node);
  await follow(ns(name) + '/delete-jobs/' + encodeURIComponent(started.job_id), view,
    (job) => [job.deleted_items, job.total_items]);
  await loadNamespaces();
}

function setupNamespaceForm() {
  $('#create-type').addEventListener('change', () => {
    $('#dimension-label').hidden = $('#create-type').value !== 'vector';
  });
  $('#create-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      const body = { namespace_name: $('#create-name').value.trim(), type: $('#create-type').value };
      if (body.type === 'vector') body.vector_dimension = Number($('#create-dimension').value);
      const created = await api('POST', '/namespaces', body);
      notice(created.message, 'info');
      $('#create-name').value = '';
      await loadNamespaces();
    });
  });
}

// ---------- jobs: live progress ----------

function jobView(title) {
  const progress = bar(0, title);
  const counts = el('span', { class: 'muted' });
  const error = el('p', { class: 'error-text', hidden: true });
  const status = el('span', { class: 'status running', text: 'running' });
  const node = el('div', { class: 'job card' }, el('div', { class: 'job-head' }, el('strong', { text: title }), status),
    progress, counts, error);
  return { node, progress, counts, error, status };
}

/** Polls a job until it ends, moving its bar; progress(job) gives [done, total]. */
async function follow(path, view, progress) {
  for (;;) {
    const job = await api('GET', path);
    const [done, total] = progress(job);
    const fraction = total > 0 ? done / total : (job.status === 'running' ? 0 : 1);
    view.progress.querySelector('.fill').style.width = (fraction * 100).toFixed(1) + '%';
    view.progress.setAttribute('aria-valuenow', Math.round(fraction * 100));
    view.counts.textContent = done + ' of ' + total + (job.failed ? ' · ' + job.failed + ' failed' : '');
    view.status.textContent = job.status;
    view.status.className = 'status ' + job.status;
    if (job.last_error) {
      view.error.textContent = 'Last error: ' + job.last_error;
      view.error.hidden = false;
    }
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// ---------- namespace pickers ----------

function fillSelect(select, names, keep) {
  const previous = keep ? select.value : null;
  select.replaceChildren(...names.map((n) => el('option', { value: n.namespace_name,
    text: n.namespace_name + ' (' + n.type + ')' })));
  if (previous && names.some((n) => n.namespace_name === previous)) select.value = previous;
}

async function loadNamespaceChoices() {
  const list = await fetchNamespaces();
  document.querySelectorAll('.namespace-select').forEach((select) => fillSelect(select, list, true));
}

// ---------- items ----------

function selectedNamespace(select) {
  return state.namespaces.find((n) => n.namespace_name === select.value);
}

async function loadItemsSection() {
  await loadNamespaceChoices();
  state.pageTokens = [null];
  state.pageIndex = 0;
  await loadPage();
}

async function loadPage() {
  const namespace = selectedNamespace($('#items-namespace'));
  const body = $('#items-table tbody');
  body.replaceChildren();
  $('#delete-selected').disabled = true;
  if (!namespace) {
    $('#items-note').textContent = 'Create a namespace first.';
    return;
  }
  if (namespace.type !== 'text') {
    $('#items-note').textContent = 'Vector namespaces cannot be paged; look items up by id above.';
    $('#page-next').disabled = true;
    $('#page-info').textContent = '';
    return;
  }
  $('#items-note').textContent = '';
  const token = state.pageTokens[state.pageIndex];
  const page = await api('GET', ns(namespace.namespace_name) + '/documents/fetch-text-data?limit=20'
    + (token ? '&next_token=' + encodeURIComponent(token) : ''));
  body.replaceChildren(...page.items.map((item) => el('tr', {},
    el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: item.id, 'aria-label': 'Select ' + item.id,
      onchange: () => { $('#delete-selected').disabled = !document.querySelector('.pick:checked'); } })),
    el('td', {}, el('code', { text: item.id }), item.is_summary ? el('span', { class: 'chip', text: 'summary' }) : null),
    el('td', { class: 'text-cell', text: item.text }),
    el('td', {}, metadataChips(item.metadata)))));
  const hasMore = page.pagination && page.pagination.has_more;
  state.pageTokens[state.pageIndex + 1] = hasMore ? page.pagination.next_token : null;
  $('#page-next').disabled = !hasMore;
  $('#page-info').textContent = 'Page ' + (state.pageIndex + 1) + ' · ' + page.items.length + ' items';
  if (!page.items.length) $('#items-note').textContent = 'No items in this namespace yet.';
}

function setupItems() {
  $('#items-namespace').addEventListener('change', () => guarded(async () => {
    state.pageTokens = [null];
    state.pageIndex = 0;
    $('#lookup-results').replaceChildren();
    await loadPage();
  }));
  $('#page-first').addEventListener('click', () => guarded(async () => { state.pageIndex = 0; await loadPage(); }));
  $('#page-next').addEventListener('click', () => guarded(async () => { state.pageIndex += 1; await loadPage(); }));
  $('#delete-selected').addEventListener('click', () => guarded(async () => {
    const ids = [...document.querySelectorAll('.pick:checked')].map((box) => box.value);
    if (!ids.length || !confirm('Delete ' + ids.length + ' item(s)?')) return;
    const result = await api('POST', ns($('#items-namespace').value) + '/items/delete', { ids });
    notice(result.message || 'Deleted.', 'info');
    await loadPage();
  }));
  $('#lookup-button').addEventListener('click', () => guarded(async () => {
    const ids = $('#lookup-ids').value.split(',').map((id) => id.trim()).filter(Boolean);
    if (!ids.length) return;
    const found = await api('POST', ns($('#items-namespace').value) + '/items/get', { ids });
    const missing = ids.filter((id) => !found.items.some((item) => item.id === id));
    $('#lookup-results').replaceChildren(el('div', { class: 'card' },
      found.items.map((item) => el('div', { class: 'lookup' },
        el('code', { text: item.id }), ' ', metadataChips(item.metadata),
        item.text ? el('p', { text: item.text }) : null,
        Array.isArray(item.vector) ? el('p', { class: 'muted', text: 'vector [' + item.vector.slice(0, 8)
          .map((v) => Number(v).toFixed(4)).join(', ') + (item.vector.length > 8 ? ', …' : '') + '] (' + item.vector.length + ' values)' }) : null)),
      missing.length ? el('p', { class: 'muted', text: 'Not found: ' + missing.join(', ') }) : null));
  }));
}

// ---------- upload ----------

/** Documents from a JSON array, JSON lines or CSV (id and text columns; the rest is metadata). */
function parseDocuments(text) {
  const trimmed = text.trim();
  if (!trimmed) throw new Error('Paste documents first.');
  if (trimmed.startsWith('[')) return JSON.parse(trimmed);
  if (trimmed.startsWith('{')) {
    if (!trimmed.includes('\n')) {
      const one = JSON.parse(trimmed);
      return Array.isArray(one.documents) ? one.documents : [one];
    }
    return trimmed.split('\n').filter((line) => line.trim()).map((line, i) => {
      try { return JSON.parse(line); } catch (e) { throw new Error('Line ' + (i + 1) + ' is not JSON: ' + e.message); }
    });
  }
  const rows = parseCsv(trimmed);
  const header = rows.shift().map((h) => h.trim());
  if (!header.includes('id') || !header.includes('text')) throw new Error('CSV needs "id" and "text" columns.');
  return rows.filter((row) => row.some((cell) => cell !== '')).map((row) =>
    Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows[rows.length - 1].push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows[rows.length - 1].push(cell); cell = ''; rows.push([]);
    } else cell += c;
  }
  rows[rows.length - 1].push(cell);
  return rows;
}

function setupUpload() {
  const area = $('#documents-input');
  area.addEventListener('dragover', (event) => event.preventDefault());
  area.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) file.text().then((text) => { area.value = text; });
  });
  $('#documents-button').addEventListener('click', () => guarded(async () => {
    const namespace = $('#upload-namespace').value;
    if (!namespace) throw new ApiError(0, 'Create a text namespace first.');
    let documents;
    try { documents = parseDocuments(area.value); } catch (e) { throw new ApiError(0, e.message); }
    const started = await api('POST', ns(namespace) + '/documents', { documents });
    const view = jobView(documents.length + ' document(s) into ' + namespace);
    $('#upload-jobs').prepend(view.node);
    const job = await follow(ns(namespace) + '/upload-jobs/' + encodeURIComponent(started.job_id), view,
      (j) => [j.processed, j.total]);
    notice('Upload ' + job.status + ': ' + job.successful + ' stored, ' + job.failed + ' failed.',
      job.status === 'completed' ? 'info' : 'error');
  }));
  const drop = $('#file-drop');
  drop.addEventListener('dragover', (event) => event.preventDefault());
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    $('#file-input').files = event.dataTransfer.files;
    $('#file-chosen').textContent = event.dataTransfer.files[0] ? event.dataTransfer.files[0].name : '';
  });
  $('#file-input').addEventListener('change', () => {
    const file = $('#file-input').files[0];
    $('#file-chosen').textContent = file ? file.name + ' (' + file.size.toLocaleString() + ' bytes)' : '';
  });
  $('#file-button').addEventListener('click', () => guarded(async () => {
    const namespace = $('#upload-namespace').value;
    const file = $('#file-input').files[0];
    if (!file) throw new ApiError(0, 'Choose a file first.');
    const form = new FormData();
    form.append('file', file, file.name);
    const started = await api('POST', ns(namespace) + '/files/upload', form);
    if (!started.job_id) {
      notice('Already indexed and unchanged: nothing to do.', 'info');
      return;
    }
    const view = jobView(file.name + ' into ' + namespace);
    $('#upload-jobs').prepend(view.node);
    const job = await follow(ns(namespace) + '/file-jobs/' + encodeURIComponent(started.job_id), view,
      (j) => [j.chunks_processed, j.chunks_total]);
    notice('File ' + job.status + ': ' + job.chunks_processed + ' chunks.', job.status === 'completed' ? 'info' : 'error');
  }));
}

// ---------- search ----------

async function loadSearchSection() {
  const list = await fetchNamespaces();
  const box = $('#search-namespaces');
  const checked = new Set([...box.querySelectorAll('input:checked')].map((input) => input.value));
  box.replaceChildren(el('legend', { text: 'Namespaces' }), ...list.map((n, i) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: n.namespace_name,
      checked: checked.size ? checked.has(n.namespace_name) : i === 0 }), ' ' + n.namespace_name)));
  if (!list.length) box.append(el('span', { class: 'muted', text: 'No namespaces yet.' }));
}

function searchRequest() {
  const request = {
    query: $('#search-query').value.trim(),
    namespaces: [...document.querySelectorAll('#search-namespaces input:checked')].map((box) => box.value),
    top_k: Number($('#search-topk').value) || 10,
  };
  if ($('#search-threshold').value !== '') request.threshold = Number($('#search-threshold').value);
  if ($('#search-kiosk').checked) request.kiosk_mode = true;
  return request;
}

function setupSearch() {
  $('#filter-add').addEventListener('click', () => {
    const key = $('#filter-key').value.trim().replace(/\s+/g, '_');
    const value = $('#filter-value').value.trim().replace(/\s+/g, '_');
    if (!key) return;
    $('#search-query').value = ($('#search-query').value.trim() + ' #' + key + (value ? ':' + value : '')).trim();
    $('#filter-key').value = '';
    $('#filter-value').value = '';
  });
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      const request = searchRequest();
      state.lastSearch = request;
      renderCopy();
      const answer = await api('POST', '/search', request);
      $('#search-meta').textContent = answer.results.length + ' result(s) in ' + (answer.execution_time * 1000).toFixed(1) + ' ms';
      $('#search-results').replaceChildren(...answer.results.map((hit) => el('li', { class: 'result card' },
        el('div', { class: 'result-head' }, el('code', { class: 'result-id', text: hit.id }),
          el('span', { class: 'label label-' + hit.label.toLowerCase().replace(/\s+/g, '-'), text: hit.label }),
          el('span', { class: 'muted', text: hit.namespace })),
        el('div', { class: 'score' }, bar(hit.score, 'Score ' + hit.score), el('span', { class: 'score-value', text: hit.score.toFixed(3) })),
        hit.text ? el('p', { class: 'result-text', text: hit.text }) : null,
        metadataChips(hit.metadata))));
    });
  });
  $('#copy-as').addEventListener('change', renderCopy);
  $('#copy-button').addEventListener('click', async () => {
    const text = $('#copy-code').textContent;
    try {
      await navigator.clipboard.writeText(text);
      notice('Copied.', 'info');
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents($('#copy-code'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      notice('Selected: press Ctrl+C to copy.', 'info');
    }
  });
  renderCopy();
}

function renderCopy() {
  const request = state.lastSearch || searchRequest();
  const json = JSON.stringify(request);
  const base = location.origin;
  const key = sessionStorage.getItem(KEY_STORAGE) ? ' -H "x-api-key: $MOORCHEH_API_KEY"' : '';
  const quote = (s) => JSON.stringify(s);
  const code = {
    curl: "curl -s -X POST " + base + "/search -H 'Content-Type: application/json'" + key + " \\\n  -d '" + json.replace(/'/g, "'\\''") + "'",
    python: 'from moorcheh import MoorchehApiClient\n\nclient = MoorchehApiClient(' + quote(base) + ')\nresults = client.search('
      + JSON.stringify(request, null, 4).replace(/true/g, 'True').replace(/false/g, 'False') + ')\nprint(results)',
    java: 'var client = MoorchehClient.of(' + quote(base) + ');\nvar response = client.search(SearchRequest.text('
      + [request.query, ...request.namespaces].map(quote).join(', ') + ').topK(' + request.top_k + ')'
      + (request.kiosk_mode && request.threshold !== undefined ? '.threshold(' + request.threshold + ')' : '') + ');\nresponse.results().forEach(hit -> System.out.println(hit.id() + " " + hit.score() + " " + hit.label()));',
  };
  $('#copy-code').textContent = code[$('#copy-as').value];
}

// ---------- answer ----------

async function loadAnswerSection() {
  const list = await fetchNamespaces();
  if (!state.health) state.health = await api('GET', '/health');
  const select = $('#answer-namespace');
  const previous = select.value;
  const options = list.filter((n) => n.type === 'text').map((n) => el('option', { value: n.namespace_name, text: n.namespace_name }));
  const direct = el('option', { value: '', text: 'Direct: ask the LLM, no namespace' });
  if (state.health.llm_provider === 'none') {
    direct.disabled = true;
    direct.textContent += ' (needs LLM_PROVIDER)';
  }
  select.replaceChildren(...options, direct);
  if ([...select.options].some((o) => o.value === previous && !o.disabled)) select.value = previous;
}

function setupAnswer() {
  $('#answer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      const namespace = $('#answer-namespace').value;
      const request = { namespace, query: $('#answer-question').value.trim(), top_k: Number($('#answer-topk').value) || 5 };
      $('#answer-button').disabled = true;
      try {
        const answer = await api('POST', '/answer', request);
        $('#answer-result').hidden = false;
        $('#answer-text').textContent = answer.answer;
        $('#answer-model').textContent = 'model: ' + answer.model + ' · ' + answer.context_count + ' passage(s)';
        $('#answer-sources').replaceChildren(...(answer.sources || []).map((source, i) => el('li', {},
          el('button', { type: 'button', class: 'link source', 'data-source': source.id,
            text: '[' + (i + 1) + '] ' + source.id, onclick: () => guarded(() => openSource(source)) }),
          ' ', el('span', { class: 'muted', text: source.label + ' · ' + source.score.toFixed(3) }))));
      } finally {
        $('#answer-button').disabled = false;
      }
    });
  });
}

async function openSource(source) {
  const found = await api('POST', ns(source.namespace) + '/items/get', { ids: [source.id] });
  const item = found.items[0];
  $('#chunk-title').textContent = source.id;
  $('#chunk-meta').textContent = source.namespace + ' · ' + source.label + ' · score ' + source.score.toFixed(3);
  $('#chunk-text').textContent = item ? item.text : 'This chunk is no longer stored.';
  $('#chunk-dialog').showModal();
}

// ---------- start ----------

setupKeyDialog();
setupNamespaceForm();
setupItems();
setupUpload();
setupSearch();
setupAnswer();
window.addEventListener('hashchange', route);
route();
