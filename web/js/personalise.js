// The personaliser page (a classic script, so that it runs from file:// too, to say it cannot
// work there): the form's answers to the worker, its problems beside their fields, its
// documents offered for download. Nothing leaves the browser: the page's policy forbids every
// connection, and the worker makes none after it has loaded.
const root = document.getElementById('personaliser');
const form = document.getElementById('answers');
const status = document.getElementById('status');
const lang = document.documentElement.lang;
const text = (key, params = {}) =>
  Object.entries(params).reduce((s, [name, value]) => s.split(`{${name}}`).join(String(value)), root.dataset[key] || '');

let worker = null;
let name = 'cabinet';
const urls = [];

function say(message) {
  status.textContent = message;
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function answers() {
  const out = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === 'checkbox') out[element.name] = element.checked;
    else if (element.value.trim() !== '') out[element.name] = element.value;
  }
  return out;
}

function fill(values) {
  for (const element of form.elements) {
    if (!element.name) continue;
    const value = values[element.name];
    if (element.type === 'checkbox') element.checked = value === true;
    else if (Array.isArray(value)) element.value = value.join('\n');
    else element.value = typeof value === 'string' ? value : '';
  }
  count();
}

// Each limited field's counter: its characters (as cyberkit counts them, by code point) and its
// maximum. A value loaded from a file may be longer than the input allows: the counter says so,
// and validation reports it beside the field.
function count(event) {
  const fields = event ? [event.target] : form.querySelectorAll('[data-max]');
  for (const element of fields) {
    if (!element.dataset || !element.dataset.max) continue;
    const counter = document.getElementById(`${element.id}-count`);
    const length = [...element.value].length;
    counter.textContent = text('counter', { count: length, max: element.dataset.max });
    counter.classList.toggle('over', length > Number(element.dataset.max));
  }
}

// The ids that describe an element: its error when shown, its hint, its counter.
function describedBy(element, error) {
  return [error, `${element.id}-hint`, `${element.id}-count`]
    .filter((id) => id && document.getElementById(id))
    .join(' ');
}

function fieldOf(id) {
  return form.elements.namedItem(id);
}

function clearProblems() {
  for (const error of form.querySelectorAll('.field-error')) {
    error.hidden = true;
    error.textContent = '';
  }
  for (const element of form.querySelectorAll('[aria-invalid]')) {
    element.removeAttribute('aria-invalid');
    const ids = describedBy(element);
    if (ids) element.setAttribute('aria-describedby', ids);
    else element.removeAttribute('aria-describedby');
  }
  document.getElementById('summary').hidden = true;
}

function describe(problem) {
  return problem.hint ? `${problem.message} (${problem.hint})` : problem.message;
}

function showProblems(problems) {
  clearProblems();
  const errors = problems.filter((p) => p.error);
  const list = document.getElementById('summary-list');
  list.replaceChildren();
  for (const problem of errors) {
    const item = document.createElement('li');
    const element = problem.field && fieldOf(problem.field);
    if (element) {
      const error = document.getElementById(`${element.id}-error`);
      error.textContent = describe(problem);
      error.hidden = false;
      element.setAttribute('aria-invalid', 'true');
      element.setAttribute('aria-describedby', describedBy(element, error.id));
      const link = document.createElement('a');
      link.href = `#${element.id}`;
      link.textContent = `${form.querySelector(`label[for="${element.id}"]`).textContent.replace(/\s*\*$/, '')} — ${describe(problem)}`;
      item.append(link);
    } else {
      item.textContent = describe(problem);
    }
    list.append(item);
  }
  const summary = document.getElementById('summary');
  document.getElementById('summary-title').textContent = text('errors', { count: errors.length });
  summary.hidden = errors.length === 0;
  if (errors.length > 0) summary.focus();
  return errors.length;
}

function download(bytes, file, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  urls.push(url);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  return link;
}

function showDocument(stem, pdf, png) {
  const item = document.querySelector(`#documents li[data-stem="${stem}"]`);
  const picture = document.createElement('img');
  picture.src = URL.createObjectURL(new Blob([png], { type: 'image/png' }));
  urls.push(picture.src);
  picture.alt = item.dataset.alt;
  picture.width = 120;
  const body = document.createElement('div');
  const heading = document.createElement('h3');
  const link = download(pdf, `${name}-${stem}.pdf`, 'application/pdf');
  link.textContent = text('download', { title: item.dataset.title, size: Math.ceil(pdf.length / 1000) });
  heading.append(link);
  body.append(heading);
  item.replaceChildren(picture, body);
  item.hidden = false;
}

// Each question has its number, which its reply carries.
const pending = new Map();
let asked = 0;
function ask(message) {
  asked += 1;
  const id = asked;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

function started() {
  worker = new Worker(new URL(`${root.dataset.shared}worker.js`, location.href), { type: 'module' });
  worker.onmessage = (event) => {
    const reply = event.data;
    if (reply.type === 'failed') {
      say(text('failed', { error: reply.message }));
      for (const { reject } of pending.values()) reject(new Error(reply.message));
      pending.clear();
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (waiting) waiting.resolve(reply);
  };
  worker.onerror = (event) => say(text('failed', { error: event.message || 'worker' }));
  return ask({ type: 'start', kit: new URL(root.dataset.kit, location.href).href, date: today(), lang });
}

async function make(event) {
  event.preventDefault();
  performance.mark('cyberkit:asked');
  const given = answers();
  // The documents of earlier answers go: none is offered that these answers did not make.
  const results = document.getElementById('results');
  results.hidden = true;
  for (const item of document.querySelectorAll('#documents li')) {
    item.hidden = true;
    item.replaceChildren();
  }
  while (urls.length > 0) URL.revokeObjectURL(urls.pop());
  const { report } = await ask({ type: 'check', answers: given, lang });
  name = report.name;
  if (showProblems(report.problems) > 0) return;
  results.hidden = false;
  for (const item of document.querySelectorAll('#documents li')) {
    try {
      const made = await ask({ type: 'make', answers: given, lang, stem: item.dataset.stem });
      // Answers that make a document overflow: the problem beside the field that is longest.
      if (made.problems.length > 0) {
        results.hidden = true;
        showProblems(made.problems);
        return;
      }
      showDocument(made.stem, made.pdf, made.png);
      performance.mark(`cyberkit:made:${made.stem}`);
      if (item === document.querySelector('#documents li')) document.getElementById('results-title').focus();
    } catch (error) {
      showProblems([{ error: true, message: String(error.message || error) }]);
      return;
    }
  }
}

async function save() {
  const { report } = await ask({ type: 'check', answers: answers(), lang });
  const link = download(new TextEncoder().encode(report.profile), `${report.name}.toml`, 'application/toml');
  document.body.append(link);
  link.click();
  link.remove();
}

async function load(event) {
  const file = event.target.files[0];
  if (!file) return;
  const { result } = await ask({ type: 'read', text: await file.text(), file: file.name });
  if (result.problem) {
    say(text('loadFailed', { file: file.name, line: result.problem.line, col: result.problem.col, error: result.problem.message }));
    return;
  }
  fill(result.answers);
  clearProblems();
  say(text('loaded', { file: file.name }));
}

async function main() {
  if (location.protocol === 'file:') return say(text('file'));
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') return say(text('noWasm'));
  say(text('loading'));
  try {
    const ready = await started();
    fill(ready.answers);
    form.hidden = false;
    form.addEventListener('submit', make);
    form.addEventListener('input', count);
    document.getElementById('save').addEventListener('click', save);
    document.getElementById('load').addEventListener('change', load);
    say(text('ready'));
    // The page's own times, for the benchmark: the browser's clock, without a test driver's.
    performance.mark('cyberkit:ready');
  } catch (error) {
    say(text('failed', { error: String(error.message || error) }));
  }
}

main();
