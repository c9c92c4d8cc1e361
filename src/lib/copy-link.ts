/**
 * "Copy link to this step" (Step.astro renders the button, visible only with
 * JavaScript; without it the plain `#step-N` link beside it is shown).
 * Copies the step's full URL; when the clipboard is refused or missing (no
 * permission, an insecure context, a sandboxed frame), it shows the URL in a
 * read-only field, selected, so the reader can copy it with the keyboard or
 * the menu. Either way the result is said in the step's status line.
 */
import type { StepperStrings } from './stepper-strings';

/** The URL a step's link points to: the page itself, or the chapter's canonical page inside an embed. */
export function stepUrl(n: string, doc: Document = document): string {
  const canonical = doc.documentElement.dataset.embed === 'true' ? doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href : null;
  const base = canonical ?? `${location.origin}${location.pathname}`;
  return `${base.replace(/#.*$/, '')}#step-${n}`;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Wire every `.step__copy` button inside `root`. */
export function wireCopyLinks(root: HTMLElement, t: Pick<StepperStrings, 'copied' | 'selectCopy'>): void {
  for (const btn of root.querySelectorAll<HTMLButtonElement>('.step__copy')) {
    if (btn.dataset.wired) continue;
    btn.dataset.wired = '1';
    const step = btn.closest<HTMLElement>('.step');
    const n = step?.dataset.step;
    const say = step?.querySelector<HTMLElement>('.step__copied');
    if (!n || !say) continue;
    btn.addEventListener('click', async () => {
      const url = stepUrl(n);
      say.textContent = '';
      step.querySelector('.step__copy-field')?.remove();
      if (await writeClipboard(url)) {
        say.textContent = t.copied;
        return;
      }
      const field = document.createElement('input');
      field.type = 'text';
      field.readOnly = true;
      field.value = url;
      field.className = 'step__copy-field';
      field.setAttribute('aria-label', t.selectCopy);
      btn.after(field);
      field.focus();
      field.select();
      say.textContent = t.selectCopy;
    });
  }
}
