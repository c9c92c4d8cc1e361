/**
 * scripts/cpu-calibration.mjs: the CPU slowdown Lighthouse simulates a phone
 * with, from the host's BenchmarkIndex (the Lighthouse team's calculator).
 */
import { describe, it, expect } from 'vitest';
import { cpuMultiplierFor, REFERENCE_INDEX } from '../../scripts/cpu-calibration.mjs';

describe('cpuMultiplierFor', () => {
  it("gives Lighthouse's 4x on its reference host and the calculator's points elsewhere", () => {
    expect(cpuMultiplierFor(REFERENCE_INDEX)).toBe(4);
    expect(cpuMultiplierFor(2000)).toBe(6);
    expect(cpuMultiplierFor(1766)).toBe(5);
    expect(cpuMultiplierFor(1300)).toBe(3);
    expect(cpuMultiplierFor(800)).toBe(2);
    expect(cpuMultiplierFor(150)).toBe(1);
  });
  it('slows a faster host more (the budgets are not loosened on a fast machine)', () => {
    expect(cpuMultiplierFor(1700)).toBeGreaterThan(4);
    expect(cpuMultiplierFor(1000)).toBeLessThan(4);
    for (let bi = 100; bi < 2500; bi += 50) expect(cpuMultiplierFor(bi + 50)).toBeGreaterThanOrEqual(cpuMultiplierFor(bi));
  });
  it('never speeds the CPU up, and refuses a reading that is not one', () => {
    expect(cpuMultiplierFor(60)).toBe(1);
    expect(() => cpuMultiplierFor(NaN)).toThrow(/benchmark index/);
    expect(() => cpuMultiplierFor(0)).toThrow(/benchmark index/);
  });
});

