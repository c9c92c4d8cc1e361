/**
 * The 3D climb's worker: three.js, the WebGL context and every draw live
 * here, on the OffscreenCanvas that render.ts hands over, so the page's main
 * thread never parses three.js nor waits on the GPU. Closes itself on destroy.
 */
import { createHost, type HostIn, type HostOut } from './scene';

const scope = self as unknown as { postMessage(m: HostOut): void; onmessage: ((e: MessageEvent<HostIn>) => void) | null; close(): void };
const host = createHost((m) => {
  scope.postMessage(m);
  if (m.type === 'destroyed') scope.close();
});
scope.onmessage = (e) => host(e.data);
