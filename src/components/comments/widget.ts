/**
 * <chancay-comments data-path="/chapter/" data-strings="{…}">: reads and posts
 * comments through Waline's HTTP API on the same origin (/api/, proxied by
 * scripts/serve.mjs). No cookies, no third-party requests, no remote avatars:
 * initials instead. The reader's draft lives in localStorage until the server
 * confirms it; it carries an idempotency key, so a post whose answer was lost
 * can be sent again without being stored twice. Every string it shows comes
 * from data-strings (content/ui/<locale>.json, rendered by Comments.astro).
 */
import { charCount, initials, safeFragment, safeHref, formatDate } from './text';
import type { WidgetString } from './strings';
import { afterNextFrame } from '../../lib/schedule';

type T = (key: WidgetString, vars?: Record<string, string | number>) => string;

/** The translator for the strings Comments.astro passed in; a missing one shows its key (and says so in the console). */
function translator(json: string | undefined): T {
  let table: Record<string, string> = {};
  try {
    table = JSON.parse(json || '{}');
  } catch {
    console.error('[comments] data-strings is not JSON');
  }
  return (key, vars = {}) => {
    const s = table[key];
    if (typeof s !== 'string') {
      console.error(`[comments] missing string comments.${key}`);
      return key;
    }
    return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

/** A fresh idempotency key (getRandomValues works on plain http too, unlike randomUUID). */
function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const MAX_CHARS = 2000;
const PAGE_SIZE = 10;
const TIMEOUT_MS = 12_000;

interface WalineComment {
  objectId: number | string;
  nick?: string;
  link?: string;
  comment?: string;
  time?: number;
  pid?: number | string | null;
  children?: WalineComment[];
}
interface ListData {
  page: number;
  totalPages: number;
  count: number;
  data: WalineComment[];
}
interface Draft {
  nick: string;
  mail: string;
  comment: string;
  pid?: string;
  replyTo?: string;
  /** Idempotency key of this draft's post, kept until the server confirms it. */
  key?: string;
  /** The body that key was first sent with: an edited draft is a new post and gets a new key. */
  keyFor?: string;
  /** The secret that lets this browser delete the comment once posted (sent with it; kept in MINE after). */
  secret?: string;
}
class ApiError extends Error {
  constructor(
    message: string,
    public fields: Record<string, string> = {},
    public retryable = true,
  ) {
    super(message);
  }
}

/** Refusal codes the server sends (server/comments/gate.cjs) and the string each is shown with. */
const CODED: Partial<Record<string, WidgetString>> = {
  cap_reader: 'err_cap_reader',
  cap_network: 'err_cap_network',
  cap_paused: 'err_cap_paused',
  key_reused: 'err_key_reused',
  closed: 'err_closed',
  not_yours: 'err_not_yours',
  report_gone: 'err_report_gone',
  report_limit: 'err_report_limit',
};
/** Reasons a reader can give for a report (server/comments/moderation.cjs REPORT_REASONS). */
const REASONS = ['abuse', 'spam', 'personal', 'off_topic', 'other'] as const;
const REASON_STRINGS: Record<(typeof REASONS)[number], WidgetString> = {
  abuse: 'report_reason_abuse',
  spam: 'report_reason_spam',
  personal: 'report_reason_personal',
  off_topic: 'report_reason_off_topic',
  other: 'report_reason_other',
};
/** This browser's comments (id -> the secret that deletes it) and reports, in localStorage (never a cookie). */
const MINE = 'chancay-comments:mine';
const REPORTED = 'chancay-comments:reported';
/**
 * This browser's comments still waiting for moderation (id -> what the reader sent), shown to them alone
 * until the server says the comment is approved (it is then in the list like any other) or gone
 * (rejected, spam, deleted): POST /api/comment/mine, answered only for the secret in MINE.
 */
const WAITING = 'chancay-comments:waiting';
interface Waiting {
  path: string;
  nick: string;
  text: string;
  time: number;
  replyTo?: string;
}
function readWaiting(): Record<string, Waiting> {
  try {
    const v = JSON.parse(localStorage.getItem(WAITING) || '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, Waiting> = {};
    for (const [id, w] of Object.entries(v as Record<string, Partial<Waiting>>)) {
      if (/^\d{1,12}$/.test(id) && w && typeof w.path === 'string' && typeof w.nick === 'string' && typeof w.text === 'string' && typeof w.time === 'number')
        out[id] = { path: w.path, nick: w.nick, text: w.text, time: w.time, ...(typeof w.replyTo === 'string' ? { replyTo: w.replyTo } : {}) };
    }
    return out;
  } catch {
    return {};
  }
}
function writeWaiting(map: Record<string, Waiting>) {
  try {
    localStorage.setItem(WAITING, JSON.stringify(map));
  } catch {
    /* storage full or blocked */
  }
}
/** Whether this browser lets the page keep anything (a third-party frame with storage blocked throws). */
let storageOk: boolean | undefined;
function canStore(): boolean {
  if (storageOk === undefined) {
    try {
      localStorage.setItem('chancay-comments:probe', '1');
      localStorage.removeItem('chancay-comments:probe');
      storageOk = true;
    } catch {
      storageOk = false;
    }
  }
  return storageOk;
}
function readMap(key: string): Record<string, string> {
  try {
    const v = JSON.parse(localStorage.getItem(key) || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
function writeMap(key: string, map: Record<string, string>) {
  try {
    localStorage.setItem(key, JSON.stringify(map));
  } catch {
    /* storage full or blocked */
  }
}

async function request<R>(t: T, url: string, init: RequestInit = {}): Promise<R> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    // The page's language, so the server's refusals come back in it (server/comments/messages.cjs).
    const headers = new Headers(init.headers);
    headers.set('Accept-Language', document.documentElement.lang || 'en');
    res = await fetch(url, { ...init, headers, signal: ctl.signal, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError(t('err_unreachable'));
  } finally {
    clearTimeout(timer);
  }
  let body: { errno?: number; errmsg?: string; code?: string; data?: R; fields?: Record<string, string> } | null = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok || !body || body.errno !== 0) {
    if (res.status === 503 && body?.code === 'cap_paused') throw new ApiError(t('err_cap_paused'));
    if (res.status >= 502 && res.status <= 504) throw new ApiError(t('err_down'));
    if (res.status >= 500 || !body) throw new ApiError(t('err_broken'));
    // 4xx: the server refused this input; the reader can fix it and resend.
    // 429 (wait) and 409 (the same post is still being stored) pass with time.
    // A refusal with a code is shown in the page's language (content/ui/<locale>.json), not the server's English.
    const coded = body.code ? CODED[body.code] : undefined;
    throw new ApiError(coded ? t(coded) : body.errmsg || t('err_refused'), body.fields ?? {}, res.status === 429 || res.status === 409);
  }
  return body.data as R;
}

let uid = 0;
const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
};

export class ChancayComments extends HTMLElement {
  #path = '';
  #key = '';
  #sort = 'insertedAt_desc';
  #page = 0;
  #totalPages = 0;
  #busy = false;
  #status!: HTMLElement;
  #form!: HTMLFormElement;
  #nick!: HTMLInputElement;
  #mail!: HTMLInputElement;
  #text!: HTMLTextAreaElement;
  #counter!: HTMLElement;
  #submit!: HTMLButtonElement;
  #replying!: HTMLElement;
  #replyName!: HTMLElement;
  #list!: HTMLOListElement;
  #listStatus!: HTMLElement;
  #heading!: HTMLElement;
  #more!: HTMLButtonElement;
  #pending!: HTMLElement;
  #pendingList!: HTMLOListElement;
  #pid = '';
  #replyTo = '';
  #idemKey = '';
  #keyFor = '';
  #secret = '';
  #closed = false;
  #loading = false;
  #saveTimer = 0;
  #t: T = translator(undefined);
  #started = false;
  /** The prefix of this widget's element ids. */
  #id = '';

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    void this.#start();
  }

  /**
   * Built in pieces, each in its own task and shown in its own frame (the form's
   * first fields, the rest of the form, the list), none in the task that
   * evaluates this module: the widget starts while the reader scrolls towards
   * it, a screen or more away, and in one piece it made a task and then a frame
   * of over 100 ms each on a phone (issue 12: the module's first run, the form
   * controls' first styles, a layout). The reader's draft is restored in the
   * first piece, before anyone can type.
   */
  async #start() {
    // A frame after the module's own evaluation, not only a task: a scheduler.yield
    // continuation runs before the browser renders.
    await afterNextFrame();
    this.#t = translator(this.dataset.strings);
    this.#path = this.dataset.path || location.pathname;
    this.#key = `chancay-comments:draft:${this.#path}`;
    const from = this.dataset.closedFrom;
    this.#closed = Boolean(from) && Date.now() >= Date.parse(from ?? '');
    // Made off the page in one frame, put on the page in the next: together, the first run of
    // the code that makes the form and the layout of what it made took 56-96 ms at CPU x10 on
    // the phone profile (issue 12).
    const form = this.#buildForm();
    await afterNextFrame();
    form.show();
    this.#restore();
    await afterNextFrame();
    form.finish();
    await afterNextFrame();
    this.#buildList();
    this.#renderWaiting();
    // A frame, not only a task, before the list is asked for: starting the requests ran in the
    // list's frame (a scheduler.yield continuation runs before the browser renders).
    await afterNextFrame();
    void this.#load(true);
    void this.#checkWaiting();
    // Back on the page (another tab, the phone unlocked): the moderator may have decided meanwhile.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.#checkWaiting();
    });
  }

  /**
   * The form (or, on a closed thread, the notice) and the status line, made off the page:
   * `show` puts them on it with the form's first fields, `finish` adds the rest.
   */
  #buildForm(): { show: () => void; finish: () => void } {
    const t = this.#t;
    const id = (this.#id = `cm${++uid}`);
    const field = (name: string, label: string, hint: string, input: HTMLInputElement | HTMLTextAreaElement) => {
      const wrap = h('div', { class: 'cm-field' });
      const l = h('label', { for: `${id}-${name}` }, label);
      if (hint) l.append(' ', h('span', { class: 'cm-hint' }, hint));
      input.id = `${id}-${name}`;
      input.name = name;
      const err = h('p', { class: 'cm-error', id: `${id}-${name}-err`, hidden: '' });
      input.setAttribute('aria-describedby', err.id);
      wrap.append(l, input, err);
      return wrap;
    };
    this.#status = h('div', { class: 'cm-status', role: 'status', 'aria-live': 'polite' });
    this.#form = h('form', { class: 'cm-form', novalidate: '', 'aria-labelledby': `${id}-title` });
    const title = h('h3', { id: `${id}-title`, class: 'cm-title' }, t('form_title'));
    this.#replying = h('p', { class: 'cm-replying', hidden: '' });
    this.#replyName = h('bdi');
    const cancel = h('button', { type: 'button', class: 'cm-link' }, t('cancel_reply'));
    cancel.addEventListener('click', () => this.#setReply('', ''));
    const [before = '', after = ''] = t('replying', { name: '\u0000' }).split('\u0000');
    this.#replying.append(before, this.#replyName, after, ' ', cancel);
    this.#nick = h('input', { type: 'text', autocomplete: 'name', required: '', maxlength: '50' });
    this.#mail = h('input', { type: 'email', autocomplete: 'email', maxlength: '254', inputmode: 'email' });
    this.#text = h('textarea', { rows: '6', required: '' });
    const textField = field('comment', t('comment'), '', this.#text);
    this.#counter = h('p', { class: 'cm-counter', id: `${id}-count` });
    this.#text.setAttribute('aria-describedby', `${id}-count ${id}-comment-err`);
    textField.insertBefore(this.#counter, textField.lastChild);
    this.#submit = h('button', { type: 'submit', class: 'cm-button' }, t('post'));
    const note = h('p', { class: 'cm-note' }, t('note'));
    // The title and the name field are shown first, the other fields a frame later (`finish`):
    // laying out every control of the form in one frame took 22-28 ms at CPU x10.
    this.#form.append(title, this.#replying, field('nick', t('name'), t('name_hint'), this.#nick));
    const mailField = field('mail', t('email'), t('email_hint'), this.#mail);
    this.#form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#post();
    });
    this.#form.addEventListener('input', () => {
      this.#updateCounter();
      clearTimeout(this.#saveTimer);
      this.#saveTimer = window.setTimeout(() => this.#save(), 250);
    });
    this.#updateCounter();
    const first = this.#closed ? h('p', { class: 'cm-closed' }, t('closed')) : this.#form;
    return {
      show: () => this.replaceChildren(first, this.#status),
      finish: () => this.#form.append(mailField, textField, note, this.#submit),
    };
  }

  /** Below the form: this reader's waiting comments, the list's label and sort, the list. */
  #buildList() {
    const t = this.#t;
    const id = this.#id;
    const head = h('div', { class: 'cm-listhead' });
    // The list's label, with its count: not a heading, since the section's own h2 (Comments.astro) already says
    // "Comments" and a screen reader's heading list had it twice (review).
    this.#heading = h('p', { class: 'cm-title', id: `${id}-list` }, t('list_title'));
    const sortLabel = h('label', { for: `${id}-sort` }, t('order'));
    const sort = h('select', { id: `${id}-sort` });
    sort.append(h('option', { value: 'insertedAt_desc' }, t('newest')), h('option', { value: 'insertedAt_asc' }, t('oldest')));
    sort.addEventListener('change', () => {
      this.#sort = sort.value;
      void this.#load(true);
    });
    const sortBox = h('div', { class: 'cm-sort' });
    sortBox.append(sortLabel, sort);
    head.append(this.#heading, sortBox);
    this.#listStatus = h('div', { class: 'cm-liststatus' });
    this.#list = h('ol', { class: 'cm-list', 'aria-labelledby': `${id}-list` });
    this.#more = h('button', { type: 'button', class: 'cm-button cm-button--quiet', hidden: '' }, t('more'));
    this.#more.addEventListener('click', () => void this.#load(false));
    // The reader's own comments waiting for moderation: only in this browser, above everyone's.
    this.#pending = h('section', { class: 'cm-pending', 'aria-labelledby': `${id}-pending`, hidden: '' });
    this.#pendingList = h('ol', { class: 'cm-waiting-list' });
    this.#pending.append(h('h3', { class: 'cm-title', id: `${id}-pending` }, t('waiting_title')), h('p', { class: 'cm-pending-note' }, t('waiting_note')), this.#pendingList);
    // A closed thread keeps its comments readable (the form was never shown).
    this.append(this.#pending, head, this.#listStatus, this.#list, this.#more);
  }

  #say(message: string, kind: 'ok' | 'error' | 'info', retry?: () => void) {
    this.#status.textContent = '';
    this.#status.dataset.kind = kind;
    if (!message) return;
    const p = h('p', {}, message);
    this.#status.append(p);
    if (retry) {
      const b = h('button', { type: 'button', class: 'cm-button cm-button--quiet' }, this.#t('try_again'));
      b.addEventListener('click', retry);
      this.#status.append(b);
    }
  }

  #updateCounter() {
    const n = charCount(this.#text.value.trim());
    const over = n - MAX_CHARS;
    this.#counter.textContent = over > 0 ? this.#t('count_over', { over, max: MAX_CHARS }) : this.#t('count', { count: n, max: MAX_CHARS });
    this.#counter.classList.toggle('is-over', over > 0);
  }

  #draft(): Draft {
    return {
      nick: this.#nick.value,
      mail: this.#mail.value,
      comment: this.#text.value,
      pid: this.#pid || undefined,
      replyTo: this.#replyTo || undefined,
      key: this.#idemKey || undefined,
      keyFor: this.#keyFor || undefined,
      secret: this.#secret || undefined,
    };
  }

  #save() {
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#draft()));
    } catch {
      /* storage full or blocked: the text is still in the form */
    }
  }

  #restore() {
    let d: Partial<Draft> = {};
    try {
      d = JSON.parse(localStorage.getItem(this.#key) || localStorage.getItem('chancay-comments:me') || '{}');
    } catch {
      /* ignore a corrupt draft */
    }
    if (typeof d.nick === 'string') this.#nick.value = d.nick;
    if (typeof d.mail === 'string') this.#mail.value = d.mail;
    if (typeof d.comment === 'string') this.#text.value = d.comment;
    if (typeof d.key === 'string' && /^[0-9a-f]{32}$/.test(d.key) && typeof d.keyFor === 'string') {
      this.#idemKey = d.key;
      this.#keyFor = d.keyFor;
    }
    if (typeof d.secret === 'string' && /^[0-9a-f]{32}$/.test(d.secret)) this.#secret = d.secret;
    if (d.pid && d.replyTo) this.#setReply(String(d.pid), String(d.replyTo), false);
    this.#updateCounter();
  }

  #setReply(pid: string, name: string, focus = true) {
    this.#pid = pid;
    this.#replyTo = name;
    this.#replying.hidden = !pid;
    this.#replyName.textContent = name;
    this.#save();
    if (focus) this.#text.focus();
  }

  #fieldErrors(fields: Record<string, string>) {
    let first: HTMLElement | null = null;
    for (const [name, input] of [
      ['nick', this.#nick],
      ['mail', this.#mail],
      ['comment', this.#text],
    ] as const) {
      const msg = fields[name];
      const err = this.querySelector<HTMLElement>(`#${input.id}-err`);
      if (err) {
        err.textContent = msg ?? '';
        err.hidden = !msg;
      }
      if (msg) {
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      } else input.removeAttribute('aria-invalid');
    }
    first?.focus();
    return Boolean(first);
  }

  #check(): Record<string, string> {
    const t = this.#t;
    const f: Record<string, string> = {};
    const nick = this.#nick.value.trim();
    const mail = this.#mail.value.trim();
    const n = charCount(this.#text.value.trim());
    if (!nick) f.nick = t('need_name');
    else if (charCount(nick) > 50) f.nick = t('name_too_long', { max: 50 });
    if (mail && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(mail)) f.mail = t('bad_email');
    if (!n) f.comment = t('need_comment');
    else if (n > MAX_CHARS) f.comment = t('too_long', { max: MAX_CHARS, over: n - MAX_CHARS });
    return f;
  }

  async #post() {
    if (this.#busy) return;
    const t = this.#t;
    const local = this.#check();
    if (this.#fieldErrors(local)) {
      this.#say(t('check_fields'), 'error');
      return;
    }
    // One key per draft until it is confirmed: a retry after a lost answer is recognised, not stored twice.
    // The key stands for the text it was first sent with: once the reader edits the draft, it is a new
    // post with a new key (the server refuses a key sent again with other text, code key_reused).
    const d = this.#draft();
    const body = JSON.stringify({ nick: d.nick.trim(), mail: d.mail.trim(), comment: d.comment.trim(), url: this.#path, ...(d.pid ? { pid: d.pid, rid: d.pid } : {}) });
    if (!this.#idemKey || this.#keyFor !== body) {
      this.#idemKey = newKey();
      this.#keyFor = body;
    }
    this.#secret ||= newKey();
    this.#save();
    this.#busy = true;
    this.#submit.disabled = true;
    this.#submit.textContent = t('sending_button');
    this.#say(t('sending'), 'info');
    try {
      const stored = await request<{ objectId?: number | string }>(t, '/api/comment', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': this.#idemKey, 'x-comment-secret': this.#secret },
        body,
      });
      // Confirmed: now the draft can go. Name and e-mail are remembered, the secret that deletes it, and
      // the comment itself, shown to this reader as waiting until a moderator decides.
      if (stored?.objectId != null) {
        const id = String(stored.objectId);
        writeMap(MINE, { ...readMap(MINE), [id]: this.#secret });
        const w: Waiting = { path: this.#path, nick: d.nick.trim(), text: d.comment.trim(), time: Date.now(), ...(d.replyTo ? { replyTo: d.replyTo } : {}) };
        writeWaiting({ ...readWaiting(), [id]: w });
        this.#renderWaiting();
      }
      this.#text.value = '';
      this.#idemKey = '';
      this.#keyFor = '';
      this.#secret = '';
      this.#setReply('', '', false);
      this.#updateCounter();
      this.#fieldErrors({});
      clearTimeout(this.#saveTimer);
      try {
        localStorage.removeItem(this.#key);
        localStorage.setItem('chancay-comments:me', JSON.stringify({ nick: d.nick, mail: d.mail }));
      } catch {
        /* ignore */
      }
      this.#say(t('posted'), 'ok');
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(t('err_unknown'));
      this.#fieldErrors(err.fields);
      // "Kept here" is true of the form; whether a reload keeps it depends on the browser letting the page store it.
      const kept = canStore() ? '' : ` ${t('draft_not_stored')}`;
      this.#say(t(err.retryable ? 'not_posted_retry' : 'not_posted', { reason: err.message }) + kept, 'error', err.retryable ? () => void this.#post() : undefined);
    } finally {
      this.#busy = false;
      this.#submit.disabled = false;
      this.#submit.textContent = t('post');
    }
  }

  async #load(reset: boolean) {
    // One list request at a time: a second "Show more" while the first loads would fetch the same page twice.
    if (this.#loading && !reset) return;
    this.#loading = true;
    const t = this.#t;
    const page = reset ? 1 : this.#page + 1;
    this.#listStatus.textContent = '';
    this.setAttribute('aria-busy', 'true');
    try {
      const q = new URLSearchParams({ path: this.#path, page: String(page), pageSize: String(PAGE_SIZE), sortBy: this.#sort });
      const data = await request<ListData>(t, `/api/comment?${q}`);
      if (reset) this.#list.textContent = '';
      this.#page = data.page;
      this.#totalPages = data.totalPages;
      this.#heading.textContent = data.count ? t('list_title_count', { count: data.count }) : t('list_title');
      for (const c of data.data) this.#list.append(this.#item(c, true));
      this.#dropPublished(data.data);
      if (!this.#list.children.length) this.#listStatus.append(h('p', { class: 'cm-empty' }, t('empty')));
      this.#more.hidden = this.#page >= this.#totalPages;
      this.dataset.state = 'ready';
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : t('err_unknown');
      const p = h('p', { class: 'cm-error' }, `${t('load_failed', { reason: msg })} `);
      const b = h('button', { type: 'button', class: 'cm-button cm-button--quiet' }, t('try_again'));
      b.addEventListener('click', () => void this.#load(reset));
      this.#listStatus.append(p, b);
      this.dataset.state = 'error';
    } finally {
      this.#loading = false;
      this.removeAttribute('aria-busy');
    }
  }

  /** This reader's waiting comments on this chapter (newest first), from localStorage. */
  #renderWaiting() {
    const t = this.#t;
    const mine = readMap(MINE);
    const list = Object.entries(readWaiting())
      .filter(([id, w]) => w.path === this.#path && mine[id])
      .sort(([, a], [, b]) => b.time - a.time);
    this.#pendingList.textContent = '';
    for (const [id, w] of list) {
      const li = h('li', { class: 'cm-item cm-item--waiting', id: `waiting-${id}`, 'data-id': id });
      const head = h('p', { class: 'cm-meta' });
      const nick = (w.nick || t('anonymous')).slice(0, 80);
      head.append(h('span', { class: 'cm-avatar', 'aria-hidden': 'true' }, initials(nick)));
      const who = h('span', { class: 'cm-nick' });
      who.append(h('bdi', {}, nick));
      head.append(who, ' ', h('time', { datetime: new Date(w.time).toISOString() }, formatDate(w.time, t('date_locale'))), ' ', h('span', { class: 'cm-badge' }, t('waiting_badge')));
      // As the reader typed it (the server renders the published one): text, paragraph by paragraph.
      const body = h('div', { class: 'cm-body' });
      for (const para of w.text.split(/\n{2,}/)) body.append(h('p', {}, para));
      const actions = h('div', { class: 'cm-actions' });
      actions.append(this.#deleteButton(li, id, mine[id]!));
      li.append(head, body, actions);
      this.#pendingList.append(li);
    }
    this.#pending.hidden = !list.length;
  }

  /** A waiting comment that is in the published list now (approved) is shown there, once, and no longer kept as waiting. */
  #dropPublished(shown: WalineComment[]) {
    const waiting = readWaiting();
    const ids = new Set(shown.flatMap((c) => [String(c.objectId), ...(c.children ?? []).map((r) => String(r.objectId))]));
    const gone = Object.keys(waiting).filter((id) => ids.has(id));
    if (!gone.length) return;
    for (const id of gone) delete waiting[id];
    writeWaiting(waiting);
    this.#renderWaiting();
  }

  /** Ask the server where this reader's waiting comments stand: approved ones join the list, gone ones go. */
  async #checkWaiting() {
    const mine = readMap(MINE);
    const waiting = readWaiting();
    const ids = Object.keys(waiting).filter((id) => waiting[id]!.path === this.#path && mine[id]);
    if (!ids.length) return;
    let status: Record<string, string>;
    try {
      status = await request<Record<string, string>>(this.#t, '/api/comment/mine', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ comments: ids.slice(0, 50).map((id) => ({ id, secret: mine[id] })) }),
      });
    } catch {
      return; // offline or refused: keep showing them as waiting, ask again next time
    }
    const now = readWaiting();
    const left = readMap(MINE);
    let approved = false;
    for (const id of ids) {
      const s = status[id];
      if (s === 'waiting' || s === undefined) continue;
      delete now[id];
      if (s === 'approved') approved = true;
      else delete left[id];
    }
    writeWaiting(now);
    writeMap(MINE, left);
    this.#renderWaiting();
    if (approved) await this.#load(true);
  }

  /** "Delete" on the reader's own comment (this browser holds its secret). */
  #deleteButton(li: HTMLLIElement, id: string, secret: string) {
    const t = this.#t;
    const b = h('button', { type: 'button', class: 'cm-link cm-delete' }, t('delete'));
    // Confirmed in the page, not with window.confirm(): an embed's sandboxed frame (no allow-modals)
    // answers confirm() with false at once, so Delete would do nothing there.
    const askId = `cm-delete-ask-${id}-${++uid}`;
    const yes = h('button', { type: 'button', class: 'cm-link cm-delete-yes', 'aria-describedby': askId }, t('delete_yes'));
    const no = h('button', { type: 'button', class: 'cm-link cm-delete-no' }, t('delete_no'));
    const ask = h('span', { class: 'cm-delete-ask', role: 'group', hidden: '' });
    ask.append(h('span', { id: askId }, t('delete_confirm')), ' ', yes, ' ', no);
    b.addEventListener('click', () => {
      b.hidden = true;
      ask.hidden = false;
      yes.focus();
    });
    no.addEventListener('click', () => {
      ask.hidden = true;
      b.hidden = false;
      b.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      try {
        await request(t, `/api/comment/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'x-comment-secret': secret } });
        const mine = readMap(MINE);
        delete mine[id];
        writeMap(MINE, mine);
        const waiting = readWaiting();
        delete waiting[id];
        writeWaiting(waiting);
        li.remove();
        this.#pending.hidden = !this.#pendingList.children.length;
        this.#say(t('deleted_own'), 'ok');
      } catch (e) {
        yes.disabled = false;
        no.disabled = false;
        this.#say(e instanceof ApiError ? e.message : t('err_unknown'), 'error');
      }
    });
    const wrap = h('span', { class: 'cm-delete-wrap' });
    wrap.append(b, ask);
    return wrap;
  }

  /** "Report": a reason from a short list (radio buttons in a fieldset), one report per reader per comment. */
  #reportControl(id: string, nick: string): HTMLElement[] {
    const t = this.#t;
    if (readMap(REPORTED)[id]) return [h('span', { class: 'cm-reported' }, t('reported'))];
    const formId = `cm-report-${id}-${++uid}`;
    const open = h('button', { type: 'button', class: 'cm-link cm-report', 'aria-expanded': 'false', 'aria-controls': formId, 'aria-label': t('report_on', { name: nick }) }, t('report'));
    const form = h('form', { class: 'cm-reportform', id: formId, hidden: '' });
    const set = h('fieldset');
    set.append(h('legend', {}, t('report_legend', { name: nick })));
    for (const r of REASONS) {
      const rid = `${formId}-${r}`;
      const wrap = h('div', { class: 'cm-radio' });
      const input = h('input', { type: 'radio', name: 'reason', value: r, id: rid });
      if (r === 'abuse') input.required = true;
      wrap.append(input, h('label', { for: rid }, t(REASON_STRINGS[r])));
      set.append(wrap);
    }
    const msg = h('p', { class: 'cm-error', hidden: '', role: 'alert' });
    const send = h('button', { type: 'submit', class: 'cm-button' }, t('report_send'));
    const cancel = h('button', { type: 'button', class: 'cm-button cm-button--quiet' }, t('report_cancel'));
    const buttons = h('div', { class: 'cm-reportbuttons' });
    buttons.append(send, cancel);
    form.append(set, msg, buttons);
    const toggle = (show: boolean) => {
      form.hidden = !show;
      open.setAttribute('aria-expanded', String(show));
      if (show) form.querySelector<HTMLInputElement>('input')?.focus();
      else open.focus();
    };
    open.addEventListener('click', () => toggle(form.hidden));
    cancel.addEventListener('click', () => toggle(false));
    form.addEventListener('keydown', (e) => {
      if (e.key.toLowerCase() === 'escape') toggle(false);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = (form.querySelector<HTMLInputElement>('input:checked')?.value ?? '') as string;
      if (!reason) {
        msg.textContent = t('report_choose');
        msg.hidden = false;
        return;
      }
      send.disabled = true;
      try {
        await request(t, `/api/comment/${encodeURIComponent(id)}/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }) });
        writeMap(REPORTED, { ...readMap(REPORTED), [id]: reason });
        const done = h('span', { class: 'cm-reported', tabindex: '-1' }, t('reported'));
        open.replaceWith(done);
        form.remove();
        done.focus();
      } catch (err) {
        send.disabled = false;
        msg.textContent = err instanceof ApiError ? err.message : t('err_unknown');
        msg.hidden = false;
      }
    });
    return [open, form];
  }

  #item(c: WalineComment, root: boolean): HTMLLIElement {
    const t = this.#t;
    const li = h('li', { class: 'cm-item', id: `comment-${c.objectId}` });
    const nick = (c.nick || t('anonymous')).slice(0, 80);
    const head = h('p', { class: 'cm-meta' });
    head.append(h('span', { class: 'cm-avatar', 'aria-hidden': 'true' }, initials(nick)));
    const href = safeHref(c.link);
    let who: HTMLElement;
    if (href) {
      who = h('a', { class: 'cm-nick', href, rel: 'nofollow ugc noopener noreferrer' });
    } else who = h('span', { class: 'cm-nick' });
    // Isolated: a name's right-to-left text cannot reorder the date or buttons around it.
    who.append(h('bdi', {}, nick));
    head.append(who);
    if (c.time) {
      const time = h('time', { datetime: new Date(c.time).toISOString() }, formatDate(c.time, t('date_locale')));
      head.append(' ', time);
    }
    const body = h('div', { class: 'cm-body' });
    const erased = !c.nick && !(c.comment ?? '').trim();
    if (erased) body.append(h('p', { class: 'cm-erased' }, t('deleted_by_author')));
    else body.append(safeFragment(c.comment ?? ''));
    const actions = h('div', { class: 'cm-actions' });
    if (!this.#closed && !erased) {
      const reply = h('button', { type: 'button', class: 'cm-link cm-reply', 'aria-label': t('reply_to', { name: nick }) }, t('reply'));
      reply.addEventListener('click', () => {
        this.#setReply(String(c.objectId), nick);
        this.#form.scrollIntoView({ block: 'start' });
      });
      actions.append(reply);
    }
    const id = String(c.objectId);
    const secret = readMap(MINE)[id];
    if (secret && !erased) actions.append(this.#deleteButton(li, id, secret));
    else if (!erased) actions.append(...this.#reportControl(id, nick));
    li.append(head, body, actions);
    if (root && c.children?.length) {
      // (replies under a comment its author deleted stay in their place)
      const ol = h('ol', { class: 'cm-children', 'aria-label': t('replies_to', { name: nick }) });
      for (const child of c.children) ol.append(this.#item(child, false));
      li.append(ol);
    }
    return li;
  }
}

if (!customElements.get('chancay-comments')) customElements.define('chancay-comments', ChancayComments);
