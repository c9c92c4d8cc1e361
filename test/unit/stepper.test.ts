/** The stepper's pure parts (src/lib/stepper.ts): which key goes where, and the status line. */
import { describe, it, expect } from 'vitest';
import { indexForKey, statusText } from '../../src/lib/stepper';

describe('indexForKey', () => {
  it('walks with ←/→ inside the steps and jumps with Home/End', () => {
    expect(indexForKey({ key: 'ArrowRight' }, 0, 4)).toBe(1);
    expect(indexForKey({ key: 'ArrowRight' }, 3, 4)).toBe(3);
    expect(indexForKey({ key: 'ArrowLeft' }, 2, 4)).toBe(1);
    expect(indexForKey({ key: 'ArrowLeft' }, 0, 4)).toBe(0);
    expect(indexForKey({ key: 'Home' }, 2, 4)).toBe(0);
    expect(indexForKey({ key: 'End' }, 0, 4)).toBe(3);
  });
  it("leaves other keys, modified keys (Alt+← is the browser's Back) and typing in a field alone", () => {
    expect(indexForKey({ key: 'ArrowDown' }, 0, 4)).toBeNull();
    expect(indexForKey({ key: 'Enter' }, 0, 4)).toBeNull();
    expect(indexForKey({ key: 'ArrowLeft', altKey: true }, 2, 4)).toBeNull();
    expect(indexForKey({ key: 'ArrowRight', ctrlKey: true }, 2, 4)).toBeNull();
    expect(indexForKey({ key: 'ArrowRight', metaKey: true }, 2, 4)).toBeNull();
    expect(indexForKey({ key: 'End', shiftKey: true }, 2, 4)).toBeNull();
    expect(indexForKey({ key: 'Home', editable: true }, 2, 4)).toBeNull();
    expect(indexForKey({ key: 'End' }, 0, 0)).toBeNull();
  });
});

describe('statusText', () => {
  it('fills the content string', () => {
    expect(statusText({ status: 'Step {n} of {count}' }, 0, 5)).toBe('Step 1 of 5');
    expect(statusText({ status: 'Paso {n} de {count}' }, 4, 5)).toBe('Paso 5 de 5');
  });
});
