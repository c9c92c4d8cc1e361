// Modules the scripts use without published types (the comment server's are in server/types.d.ts).
declare module 'subset-font' {
  interface Options {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    /** OpenType feature tags to keep; all others are dropped (subset-font 2.x). */
    keepFeatures?: string[];
  }
  export default function subsetFont(font: Buffer, text: string, options?: Options): Promise<Buffer>;
}

// What scripts/bench.mjs records inside the page it measures.
interface Window {
  __longTasks: number[];
  __iv: number[];
  __stop?: boolean;
}
