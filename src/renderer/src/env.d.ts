/// <reference types="vite/client" />
import type { ReflectApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Put there by the preload; the renderer's only way to reach the app. */
    reflect: ReflectApi;
  }
}
