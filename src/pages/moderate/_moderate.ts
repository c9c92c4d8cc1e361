/**
 * The moderation page's script (/moderate/). The session id lives in
 * sessionStorage (no cookies) and expires on the server. Comment text is shown
 * as typed (textContent), never as HTML. API: /api/moderate/ (README
 * "Moderation"). Keyboard: every control is a button; shortcuts (j/k, x, a, r,
 * s, w, g) act on the selected comments, or the one in focus.
 */
import { m } from './_strings';

interface Item {
  id: number;
  queue: string;
  url: string;
  time: string | null;
  nick: string;
  mail: string;
  link: string;
  text: string;
  replyTo: number | null;
  visible: boolean;
  address: string;
  earlier: { address: number; email: number };
  signals: Array<{ code: string; n?: number; words?: string[]; chapters?: number; minutes?: number; weak?: boolean }>;
  reports: number;
  reasons: Record<string, number>;
  hidden: boolean;
}
interface AuditRow {
  at: string;
  actor: string;
  action: string;
  scope: string;
  n: number;
  ids: string;
}

const QUEUES = ['waiting', 'reported', 'likely_spam', 'approved', 'rejected', 'spam'];
type Signal = Item['signals'][number];
/** The page's words built in code (content/moderate/en.json, through m()). */
const S = {
  on: (name: string) => m('on', { name }),
  signal: {
    links: (s: Signal) => m('signal_links', { n: s.n ?? 0 }),
    blocked_words: (s: Signal) => m('signal_blocked_words', { words: (s.words ?? []).join(', ') }),
    repeated: (s: Signal) => m('signal_repeated', { n: s.chapters ?? 0 }),
    fast: (s: Signal) => m('signal_fast', { n: s.n ?? 0, minutes: s.minutes ?? 0 }),
  } as Record<string, (s: Signal) => string>,
  reports: (n: number, reasons: Record<string, number>, hidden: boolean) => {
    const r = m('reports', { n, reasons: Object.entries(reasons).map(([k, c]) => `${REASONS.includes(k) ? m(`reason_${k}`) : k}: ${c}`).join(', ') });
    return hidden ? m('reports_hidden', { reports: r }) : r;
  },
  capAlert: (r: Record<string, number>) => m('cap_alert', { n: Object.values(r).reduce((a, b) => a + b, 0), caps: Object.keys(r).join(', ') }),
  found: (n: number, mail: string) => (n ? m('found', { n, mail }) : m('found_none', { mail })),
};
const REASONS = ['abuse', 'spam', 'personal', 'off_topic', 'other'];
const ACTIONS = ['approve', 'reject', 'spam', 'waiting', 'delete'];
const AUDITED = ['approve', 'reject', 'spam', 'waiting', 'delete', 'self_delete', 'delete_by_email', 'export', 'purge'];

const KEY = 'chancay-moderate:session';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusEl = document.querySelector<HTMLElement>('.mod__status')!;
const login = $<HTMLFormElement>('mod-login');
const panel = $<HTMLElement>('mod-panel');
const list = $<HTMLOListElement>('mod-list');
const order = $<HTMLSelectElement>('mod-order');
const more = $<HTMLButtonElement>('mod-more');
const title = $<HTMLElement>('mod-list-title');
const all = $<HTMLInputElement>('mod-all');
const selectedEl = $<HTMLElement>('mod-selected');
const alertEl = $<HTMLElement>('mod-alert');
let queue = new URLSearchParams(location.hash.slice(1)).get('queue') ?? 'waiting';
if (!QUEUES.includes(queue)) queue = 'waiting';
let page = 1;
let counts: Record<string, number> = {};

const say = (m: string) => (statusEl.textContent = m);
const token = () => sessionStorage.getItem(KEY) ?? '';

async function call<T = any>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    credentials: 'omit',
    cache: 'no-store',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, ...(init.headers ?? {}) },
  }).catch(() => null);
  if (!res) throw new Error(m('unreachable'));
  const body = await res.json().catch(() => null);
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    show(false);
    throw new Error(m('ended'));
  }
  if (!res.ok || !body || body.errno !== 0) throw new Error(body?.errmsg || m('answered', { n: res.status }));
  return body.data as T;
}

function show(signedIn: boolean) {
  login.hidden = signedIn;
  panel.hidden = !signedIn;
}

const items = () => [...list.querySelectorAll<HTMLLIElement>('.mod__item')];
const selected = () => items().filter((li) => li.querySelector<HTMLInputElement>('.mod__select')?.checked);
function updateSelected() {
  const n = selected().length;
  selectedEl.textContent = m('selected', { n });
  all.checked = n > 0 && n === items().length;
  for (const li of items()) li.classList.toggle('is-selected', Boolean(li.querySelector<HTMLInputElement>('.mod__select')?.checked));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function item(c: Item) {
  const li = el('li', { class: 'mod__item', tabindex: '-1', 'data-id': String(c.id) });
  const name = c.nick || m('anonymous');
  const head = el('div', { class: 'mod__row' });
  const check = el('label', { class: 'mod__check' });
  const box = el('input', { type: 'checkbox', class: 'mod__select', 'aria-label': m('select_one', { name }) });
  box.addEventListener('change', updateSelected);
  check.append(box);
  const meta = el('p', { class: 'mod__meta' });
  // The name isolated in <bdi>: its right-to-left text cannot reorder the rest of the line.
  meta.append(el('bdi', {}, name));
  const when = c.time ? new Date(c.time).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
  meta.append(` ${c.mail ? `<${c.mail}> ` : ''}· ${c.url} · ${when} · ${m('address', { hash: c.address || '—' })} · ${m('earlier', { address: c.earlier.address, email: c.earlier.email })}`);
  head.append(check, meta);
  li.append(head);
  const chips = c.signals.filter((s) => S.signal[s.code]).map((s) => el('li', {}, S.signal[s.code]!(s)));
  if (c.reports) chips.push(el('li', {}, S.reports(c.reports, c.reasons, c.hidden)));
  if (chips.length) {
    const ul = el('ul', { class: 'mod__signals', 'aria-label': m('signals_label') });
    ul.append(...chips);
    li.append(ul);
  }
  li.append(el('p', { class: 'mod__text' }, c.text));
  const actions = el('div', { class: 'mod__actions' });
  const act = (action: string, label: string, body: Record<string, unknown>, aria?: string) => {
    const b = el('button', { type: 'button', 'aria-label': aria ?? `${label}: ${S.on(name)}` }, label);
    b.addEventListener('click', () => void run(action, body));
    actions.append(b);
  };
  for (const a of ACTIONS) if (QUEUES.includes(c.queue) && !(a === 'approve' && c.queue === 'approved') && !(a === 'reject' && c.queue === 'rejected') && !(a === 'spam' && c.queue === 'spam') && !(a === 'waiting' && c.queue === 'waiting')) act(a, m(`action_${a}`), { ids: [c.id] });
  if (c.queue === 'waiting' || c.queue === 'likely_spam') {
    act('reject', m('reader_all'), { reader: c.id, queue: c.queue }, `${m('reader_all')} (${name})`);
    act('reject', m('chapter_all', { url: c.url }), { chapter: c.url, queue: c.queue });
  }
  li.append(actions);
  return li;
}

async function run(action: string, body: Record<string, unknown>) {
  const n = Array.isArray(body.ids) ? body.ids.length : 0;
  if (action === 'delete' && !window.confirm(m('confirm_delete', { n: n || 1 }))) return;
  try {
    const r = await call<{ changed: number }>('/api/moderate/action', { method: 'POST', body: JSON.stringify({ action, ...body }) });
    say(m('changed', { n: r.changed, what: ACTIONS.includes(action) ? m(`done_${action}`) : action }));
    await refresh(true);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  }
}

async function bulk(action: string, fallback?: HTMLLIElement | null) {
  const chosen = selected();
  const target = chosen.length ? chosen : fallback ? [fallback] : [];
  if (!target.length) return say(m('none_selected'));
  const index = fallback ? items().indexOf(fallback) : -1;
  await run(action, { ids: target.map((li) => Number(li.dataset.id)) });
  // Keep the reader's place: focus what now sits where the handled comment was.
  const next = items()[Math.max(0, Math.min(index, items().length - 1))];
  if (index >= 0 && next) next.focus();
}

async function loadCounts() {
  const data = await call<{ counts: Record<string, number>; capRefusals: Record<string, number> }>('/api/moderate/queues');
  counts = data.counts;
  for (const span of document.querySelectorAll<HTMLElement>('[data-count]')) span.textContent = `(${counts[span.dataset.count!] ?? 0})`;
  const refused = data.capRefusals;
  alertEl.hidden = !Object.keys(refused).length;
  alertEl.textContent = alertEl.hidden ? '' : S.capAlert(refused);
}

async function loadAudit() {
  const rows = await call<AuditRow[]>('/api/moderate/audit');
  const tbody = $<HTMLTableSectionElement>('mod-audit');
  tbody.textContent = '';
  for (const r of rows) {
    const tr = el('tr');
    const what = `${AUDITED.includes(r.action) ? m(`audit_${r.action}`) : r.action}${r.scope ? ` (${r.scope})` : ''}`;
    for (const v of [new Date(r.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }), r.actor, what, String(r.n), r.ids]) tr.append(el('td', {}, v));
    tbody.append(tr);
  }
}

async function load(reset: boolean) {
  page = reset ? 1 : page + 1;
  const data = await call<{ items: Item[]; totalPages: number; total: number }>(`/api/moderate/list?queue=${queue}&page=${page}&order=${order.value}`);
  if (reset) list.textContent = '';
  for (const c of data.items) list.append(item(c));
  title.textContent = `${m(`queue_${queue}`)} (${data.total})`;
  more.hidden = page >= data.totalPages;
  if (!list.children.length) list.append(el('li', { class: 'mod__empty' }, m('nothing')));
  updateSelected();
}

async function refresh(reset = true) {
  try {
    await Promise.all([loadCounts(), load(reset), loadAudit()]);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  }
}

function setQueue(q: string) {
  queue = q;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-queue]')) b.setAttribute('aria-pressed', String(b.dataset.queue === q));
  history.replaceState(null, '', `#queue=${q}`);
  void refresh(true);
}

login.addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(login);
  const res = await fetch('/api/token', {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: f.get('email'), password: f.get('password') }),
  }).catch(() => null);
  const body = res ? await res.json().catch(() => null) : null;
  if (!res || !body || body.errno !== 0) {
    say(body?.errmsg ?? m('unreachable'));
    return;
  }
  sessionStorage.setItem(KEY, body.data.token);
  login.reset();
  say(m('signed_in', { time: new Date(body.data.expiresAt).toLocaleTimeString('en-GB') }));
  show(true);
  void refresh(true);
});
// The sign-in button is disabled in the HTML until this listener exists (see index.astro).
login.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled = false;
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-queue]')) b.addEventListener('click', () => setQueue(b.dataset.queue!));
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-bulk]')) b.addEventListener('click', () => void bulk(b.dataset.bulk!));
order.addEventListener('change', () => void refresh(true));
$('mod-refresh').addEventListener('click', () => void refresh(true));
more.addEventListener('click', () => void load(false).catch((e) => say(String(e?.message ?? e))));
all.addEventListener('change', () => {
  for (const b of list.querySelectorAll<HTMLInputElement>('.mod__select')) b.checked = all.checked;
  updateSelected();
});
$('mod-logout').addEventListener('click', async () => {
  await call('/api/token', { method: 'DELETE' }).catch(() => {});
  sessionStorage.removeItem(KEY);
  show(false);
  say(m('signed_out'));
});

// Readers' data: find and delete by e-mail; export.
const found = $<HTMLElement>('mod-found');
const erase = $<HTMLButtonElement>('mod-erase');
let foundMail = '';
$<HTMLFormElement>('mod-find').addEventListener('submit', async (e) => {
  e.preventDefault();
  foundMail = $<HTMLInputElement>('mod-find-mail').value.trim();
  try {
    const r = await call<{ ids: number[] }>(`/api/moderate/by-email?mail=${encodeURIComponent(foundMail)}`);
    found.textContent = S.found(r.ids.length, foundMail);
    found.hidden = false;
    erase.hidden = !r.ids.length;
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
  }
});
erase.addEventListener('click', async () => {
  if (!window.confirm(m('confirm_delete', { n: Number(found.textContent?.match(/^\d+/)?.[0] ?? 0) }))) return;
  try {
    const r = await call<{ deleted: number }>('/api/moderate/delete-by-email', { method: 'POST', body: JSON.stringify({ mail: foundMail }) });
    say(m('erased', { n: r.deleted }));
    found.textContent = S.found(0, foundMail);
    erase.hidden = true;
    void refresh(true);
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
  }
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-export]'))
  b.addEventListener('click', async () => {
    const format = b.dataset.export!;
    const res = await fetch(`/api/moderate/export?format=${format}`, { credentials: 'omit', cache: 'no-store', headers: { authorization: `Bearer ${token()}` } }).catch(() => null);
    if (!res || !res.ok) return say(res ? m('answered', { n: res.status }) : m('unreachable'));
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `comments.${format}`;
    const a = el('a', { href: URL.createObjectURL(await res.blob()), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    void loadAudit();
  });

// Shortcuts: not while typing, not with a modifier.
document.addEventListener('keydown', (e) => {
  if (panel.hidden || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement;
  if (t.closest('input:not([type="checkbox"]), select, textarea')) return;
  const current = t.closest<HTMLLIElement>('.mod__item');
  const list_ = items();
  const i = current ? list_.indexOf(current) : -1;
  const key = e.key.toLowerCase();
  if (key === 'j' || key === 'k') {
    const next = list_[key === 'j' ? Math.min(list_.length - 1, i + 1) : Math.max(0, i - 1)];
    next?.focus();
  } else if (key === 'x' && current) {
    const box = current.querySelector<HTMLInputElement>('.mod__select')!;
    box.checked = !box.checked;
    updateSelected();
  } else if (key === 'a') void bulk('approve', current);
  else if (key === 'r') void bulk('reject', current);
  else if (key === 's') void bulk('spam', current);
  else if (key === 'w') void bulk('waiting', current);
  else if (key === 'g') void refresh(true);
  else return;
  e.preventDefault();
});

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-queue]')) b.setAttribute('aria-pressed', String(b.dataset.queue === queue));
if (token()) {
  show(true);
  void refresh(true);
}

export {};
