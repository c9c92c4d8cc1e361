/**
 * scripts/cpu-calibration.mjs: the CPU slowdown Lighthouse simulates a phone
 * with, from the host's BenchmarkIndex (the Lighthouse team's calculator).
 */
import { describe, it, expect } from 'vitest';
import { throttling } from 'lighthouse/core/config/constants.js';
import { assertedMultiplierFor, cpuMultiplierFor, PRESET_MULTIPLIER, REFERENCE_INDEX } from '../../scripts/cpu-calibration.mjs';

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

describe('assertedMultiplierFor', () => {
  it("is the calibrated slowdown on a slower host than the reference, and the mobile preset's own above it", () => {
    expect(PRESET_MULTIPLIER).toBe(throttling.mobileSlow4G.cpuSlowdownMultiplier);
    expect(assertedMultiplierFor(1000)).toBe(cpuMultiplierFor(1000));
    expect(assertedMultiplierFor(1000)).toBeLessThan(PRESET_MULTIPLIER);
    expect(assertedMultiplierFor(REFERENCE_INDEX)).toBe(4);
    expect(assertedMultiplierFor(2800)).toBe(4);
    expect(cpuMultiplierFor(2800)).toBeCloseTo(9.44, 2);
  });
});
