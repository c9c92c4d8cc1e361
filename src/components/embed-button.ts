/**
 * Embed control behaviour (one delegated listener per page): copy a snippet,
 * switch its theme. Without this script the snippets are still selectable text.
 */
const THEME = / data-theme="(?:light|dark)"/;

function setTheme(ctl: HTMLElement, theme: string) {
  ctl.querySelectorAll<HTMLTextAreaElement>('textarea[data-kind]').forEach((t) => {
    let v = t.value.replace(THEME, '');
    if (t.dataset.kind === 'script') {
      if (theme) v = v.replace('<div data-chancay-embed=', `<div data-theme="${theme}" data-chancay-embed=`);
    } else {
      v = v.replace(/(src="[^"?]*)(\?theme=\w+)?"/, theme ? `$1?theme=${theme}"` : '$1"');
    }
    t.value = v;
  });
}

async function copy(text: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text.value);
    return true;
  } catch {
    return false; // no clipboard access: the text gets selected for Ctrl+C
  }
}

function init() {
  document.querySelectorAll<HTMLElement>('[data-embed-control]').forEach((ctl) => {
    if (ctl.dataset.ready) return;
    ctl.dataset.ready = 'true';
    const status = ctl.querySelector<HTMLElement>('.embed-control__status');
    ctl.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach((b) => {
      b.hidden = false;
      b.addEventListener('click', async () => {
        const t = document.getElementById(b.dataset.copy ?? '') as HTMLTextAreaElement | null;
        if (!t) return;
        const ok = await copy(t);
        if (status) status.textContent = (ok ? status.dataset.copied : status.dataset.failed) ?? '';
        if (!ok) t.select();
      });
    });
    const theme = ctl.querySelector<HTMLSelectElement>('select[data-embed-theme]');
    theme?.addEventListener('change', () => setTheme(ctl, theme.value));
    // A theme chosen before this script ran (it loads after the first paint) still applies.
    if (theme?.value) setTheme(ctl, theme.value);
  });
}

init();
