// Typed calls over the transport (fetch against the page's own origin, in both modes).
import type { Args, FileRef, MethodName, Result } from '../../shared/contract';
import { createTransport, type PickOptions, type Transport } from './transport';

import { ApiCallError } from './api-error';

export { ApiCallError };

export class ApiClient {
  constructor(readonly transport: Transport) {}

  async call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>> {
    let reply: Awaited<ReturnType<Transport['call']>>;
    try {
      reply = await this.transport.call(method, args);
    } catch (error) {
      throw new ApiCallError('io', error instanceof Error ? error.message : String(error));
    }
    if (reply.error) throw new ApiCallError(reply.error.code, reply.error.message, reply.error.details);
    return reply.result as Result<M>;
  }

  onEvent = (listener: Parameters<Transport['onEvent']>[0]) => this.transport.onEvent(listener);

  get canPickPaths(): boolean {
    return this.transport.pickFiles !== undefined;
  }

  pickFiles(options: PickOptions): Promise<FileRef[]> {
    if (!this.transport.pickFiles) throw new Error('No native dialog in browser mode');
    return this.transport.pickFiles(options);
  }

  /** Browser mode: upload Files from an <input type=file> or a drop. */
  async uploadFiles(files: File[], onProgress?: (done: number, total: number) => void): Promise<FileRef[]> {
    const refs: FileRef[] = [];
    for (const file of files) {
      refs.push(await this.transport.upload(file));
      onProgress?.(refs.length, files.length);
    }
    return refs;
  }

  fileUrl(path: string, params?: Record<string, string>): string {
    return this.transport.fileUrl(path, params);
  }
}

export const api = new ApiClient(createTransport());
