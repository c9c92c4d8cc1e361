/**
 * The moderation page's script. The session id lives in sessionStorage (no
 * cookies) and expires on the server. Comment text is shown as typed
 * (textContent of the raw text), never as HTML.
 */
interface AdminComment {
  objectId: number | string;
  nick?: string;
  mail?: string;
  link?: string;
  url?: string;
  orig?: string;
  comment?: string;
  status?: string;
  time?: number;
  insertedAt?: string;
  ip?: string;
}
const KEY = 'chancay-moderate:session';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusEl = document.querySelector<HTMLElement>('.mod__status')!;
const login = $<HTMLFormElement>('mod-login');
const panel = $<HTMLElement>('mod-panel');
const list = $<HTMLOListElement>('mod-list');
const filter = $<HTMLSelectElement>('mod-filter');
const more = $<HTMLButtonElement>('mod-more');
const title = $<HTMLElement>('mod-list-title');
let page = 1;

const say = (m: string) => (statusEl.textContent = m);
const token = () => sessionStorage.getItem(KEY) ?? '';

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(path, {
    ...init,
    credentials: 'omit',
    cache: 'no-store',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, ...(init.headers ?? {}) },
  }).catch(() => null);
  if (!res) throw new Error('The comment server could not be reached.');
  const body = await res.json().catch(() => null);
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    show(false);
    throw new Error('Your session has ended: please sign in again.');
  }
  if (!res.ok || !body || body.errno !== 0) throw new Error(body?.errmsg || `The server answered ${res.status}.`);
  return body.data;
}

function show(signedIn: boolean) {
  login.hidden = signedIn;
  panel.hidden = !signedIn;
}

function item(c: AdminComment) {
  const li = document.createElement('li');
  li.className = 'mod__item';
  const meta = document.createElement('p');
  meta.className = 'mod__meta';
  const when = c.time ? new Date(c.time).toLocaleString() : c.insertedAt ?? '';
  // The name isolated in <bdi>: its right-to-left text cannot reorder the rest of the line.
  const name = document.createElement('bdi');
  name.textContent = c.nick ?? 'Anonymous';
  meta.append(name, `${c.mail ? ` <${c.mail}>` : ''} · ${c.url ?? ''} · ${when}${c.ip ? ` · ${c.ip}` : ''}`);
  const text = document.createElement('p');
  text.className = 'mod__text';
  text.textContent = c.orig ?? c.comment ?? '';
  const actions = document.createElement('div');
  actions.className = 'mod__actions';
  const act = (label: string, run: () => Promise<unknown>) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('aria-label', `${label}: comment by ${c.nick ?? 'Anonymous'}`);
    b.addEventListener('click', async () => {
      try {
        await run();
        li.remove();
        say(`${label}: done.`);
      } catch (e) {
        say(e instanceof Error ? e.message : String(e));
      }
    });
    actions.append(b);
  };
  const setStatus = (s: string) => () => call(`/api/comment/${c.objectId}`, { method: 'PUT', body: JSON.stringify({ status: s }) });
  if (c.status !== 'approved') act('Approve', setStatus('approved'));
  if (c.status !== 'spam') act('Mark as spam', setStatus('spam'));
  if (c.status !== 'waiting') act('Back to waiting', setStatus('waiting'));
  act('Reject (delete)', () => call(`/api/comment/${c.objectId}`, { method: 'DELETE' }));
  li.append(meta, text, actions);
  return li;
}

async function load(reset: boolean) {
  page = reset ? 1 : page + 1;
  try {
    const data = await call(`/api/comment?type=list&status=${filter.value}&page=${page}&pageSize=20`);
    if (reset) list.textContent = '';
    for (const c of data.data as AdminComment[]) list.append(item(c));
    title.textContent = `${filter.selectedOptions[0]?.textContent ?? ''} (${filter.value === 'waiting' ? data.waitingCount : filter.value === 'spam' ? data.spamCount : list.children.length})`;
    more.hidden = page >= data.totalPages;
    if (!list.children.length) say('Nothing here.');
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
  }
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
    say(body?.errmsg ?? 'The comment server could not be reached.');
    return;
  }
  sessionStorage.setItem(KEY, body.data.token);
  login.reset();
  say(`Signed in until ${new Date(body.data.expiresAt).toLocaleTimeString()}.`);
  show(true);
  void load(true);
});
filter.addEventListener('change', () => void load(true));
$('mod-refresh').addEventListener('click', () => void load(true));
more.addEventListener('click', () => void load(false));
$('mod-logout').addEventListener('click', async () => {
  await call('/api/token', { method: 'DELETE' }).catch(() => {});
  sessionStorage.removeItem(KEY);
  show(false);
  say('Signed out.');
});

if (token()) {
  show(true);
  void load(true);
}

export {};
