// What the preload puts on window, for the renderer's type checker.
import type { GatehouseApi } from '../../shared/api/contract';

declare global {
  interface Window {
    /** Present inside the desktop app; absent in a plain browser. */
    gatehouse?: GatehouseApi;
  }
}

export {};
