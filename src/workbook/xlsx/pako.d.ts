// Minimal typings for pako 1.x (a dependency of jszip, which exceljs depends on). Browser and Node.
declare module "pako" {
  export interface InflateOptions {
    raw?: boolean;
    chunkSize?: number;
  }
  export class Inflate {
    constructor(options?: InflateOptions);
    push(data: Uint8Array, mode?: boolean | number): boolean;
    onData(chunk: Uint8Array): void;
    onEnd(status: number): void;
    err: number;
    msg: string;
    ended: boolean;
  }
  export function deflateRaw(data: Uint8Array, options?: { level?: number }): Uint8Array;
  export function inflateRaw(data: Uint8Array): Uint8Array;
}
