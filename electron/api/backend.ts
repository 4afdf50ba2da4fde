// The backend behind both transports: validates every call against the shared contract, then runs
// the capability's handler. Transports (Electron IPC, the browser-mode HTTP host, tests) only move
// { method, args } in and { result } or { error } out.
import { EventEmitter } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ApiError,
  isMethodName,
  methods,
  type ApiEvent,
  type JobKind,
  type FileRef,
  type MethodName,
  type ParsedArgs,
  type Result,
} from '../../shared/contract';
import type { Locale } from '../../shared/types';
import { CaseStore } from '../cases/case-store';
import { JobRegistry, type Job } from './jobs';
import { coreHandlers } from './handlers/core';
import { contactsHandlers } from './handlers/contacts';
import { photosHandlers } from './handlers/photos';
import { messagesHandlers } from './handlers/messages';
import { readdHandlers } from './handlers/readd';
import { bundlesHandlers } from './handlers/bundles';
import type { ContactsRepository } from '../contacts-store/contacts-repository';
import { CaseSessions, type CaseSession } from '../session/case-sessions';
import { appealsHandlers } from './handlers/appeals';

export interface BackendOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  systemLocale: Locale;
  /** --lang on the command line wins over the saved setting for this launch. */
  forcedLocale?: Locale;
}

/** What a handler may know about the call: which files the caller may read, and its job. */
export interface CallContext {
  /** Electron only allows paths its own dialogs returned; browser mode allows the local user's. */
  mayReadPath(path: string): boolean;
}

export interface HandlerContext extends CallContext {
  backend: Backend;
  job<K extends JobKind>(kind: K, jobId: string | undefined): Job<K> & { finish(): void };
  /** Resolves a picked file to a path on disk and the name to show for it. */
  resolveFile(ref: FileRef): { path: string; name: string };
}

export type Handlers<M extends MethodName> = {
  [K in M]: (args: ParsedArgs<K>, ctx: HandlerContext) => Promise<Result<K>>;
};

export class Backend {
  readonly cases: CaseStore;
  readonly sessions: CaseSessions;
  readonly jobs: JobRegistry;
  private readonly events = new EventEmitter();
  private readonly handlers: Handlers<MethodName>;

  constructor(readonly options: BackendOptions) {
    this.sessions = new CaseSessions(() => options.forcedLocale ?? options.systemLocale);
    this.cases = new CaseStore(options.dataDir, (folder) => this.contacts.counts(folder));
    this.jobs = new JobRegistry((event) => this.events.emit('event', event));
    this.handlers = { ...coreHandlers, ...contactsHandlers, ...photosHandlers, ...messagesHandlers, ...readdHandlers, ...bundlesHandlers, ...appealsHandlers };
  }

  get contacts(): ContactsRepository {
    return this.sessions.contacts;
  }

  /**
   * The session of a case that exists (not-found otherwise). Synchronous part first: the session
   * is known before anything is awaited, so claims on it (CaseSession.exclusive) cannot race.
   */
  session(caseId: string): CaseSession {
    return this.sessions.of(this.cases.folderOf(caseId));
  }

  /** Lets go of everything a case holds open (before its folder is moved, locked or deleted). */
  releaseCase(caseId: string): Promise<void> {
    return this.sessions.release(this.cases.folderOf(caseId));
  }

  get uploadsDir(): string {
    return join(this.options.dataDir, '.uploads');
  }

  /** An imported upload is a copy the import no longer needs: delete it (others stay for a retry). */
  async discardUploads(refs: FileRef[]): Promise<void> {
    await Promise.all(refs.filter((r) => r.kind === 'upload').map((r) => rm(join(this.uploadsDir, r.id), { force: true })));
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  async call(method: string, rawArgs: unknown, ctx: CallContext): Promise<unknown> {
    if (!isMethodName(method)) throw new ApiError('unknown-method', `Unknown method ${method}`);
    const parsed = methods[method].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new ApiError('invalid-arguments', `Invalid arguments for ${method}`, parsed.error.issues);
    }
    const handler = this.handlers[method] as (args: unknown, ctx: HandlerContext) => Promise<unknown>;
    return handler(parsed.data, this.handlerContext(ctx));
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.sessions.disposeAll();
  }

  private handlerContext(ctx: CallContext): HandlerContext {
    return {
      ...ctx,
      backend: this,
      job: (kind, jobId) => this.jobs.start(kind, jobId),
      resolveFile: (ref) => {
        if (ref.kind === 'upload') return { path: join(this.uploadsDir, ref.id), name: ref.name };
        if (!ctx.mayReadPath(ref.path)) throw new ApiError('unauthorized', 'That file was not chosen by the user');
        return { path: ref.path, name: ref.path.split(/[\\/]/).pop() ?? ref.path };
      },
    };
  }
}
