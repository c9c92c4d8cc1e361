/**
 * Every GPU resource has an owner: graphics register
 * geometries, materials and textures as they create them and dispose of all
 * of them at once on destroy. After three.js manual/en/cleanup.html.
 */

interface Disposable {
  dispose(): void;
}
interface MaterialLike extends Disposable {
  [key: string]: unknown;
}
interface ObjectLike {
  geometry?: unknown;
  material?: unknown;
  children?: unknown[];
}

const isDisposable = (v: unknown): v is Disposable => typeof v === 'object' && v !== null && typeof (v as Disposable).dispose === 'function';
const isTexture = (v: unknown): v is Disposable => isDisposable(v) && (v as { isTexture?: boolean }).isTexture === true;

export class ResourceTracker {
  #resources = new Set<Disposable>();

  /** Track a geometry, material, texture, render target, or an object whose geometry and materials are tracked. Returns it. */
  track<T>(resource: T): T {
    if (!resource) return resource;
    if (Array.isArray(resource)) {
      resource.forEach((r) => this.track(r));
      return resource;
    }
    if (isDisposable(resource)) this.#resources.add(resource);
    const obj = resource as ObjectLike;
    if (obj.geometry) this.track(obj.geometry);
    if (obj.material) this.track(obj.material);
    // Textures hang off material slots (map, alphaMap, …) and uniforms.
    if (isDisposable(resource) && (resource as { isMaterial?: boolean }).isMaterial) {
      const m = resource as MaterialLike;
      for (const value of Object.values(m)) if (isTexture(value)) this.track(value);
      const uniforms = m['uniforms'] as Record<string, { value?: unknown }> | undefined;
      if (uniforms) for (const u of Object.values(uniforms)) if (isTexture(u?.value)) this.track(u.value);
    }
    if (Array.isArray(obj.children)) obj.children.forEach((c) => this.track(c));
    return resource;
  }

  /** How many resources are held (for tests and debugging). */
  get size(): number {
    return this.#resources.size;
  }

  /** Dispose of everything tracked; the tracker can be reused afterwards. */
  dispose(): void {
    for (const r of this.#resources) r.dispose();
    this.#resources.clear();
  }
}
