// The one API contract between the renderer and the backend.
// Both transports (Electron IPC through the preload, HTTP in browser mode) carry exactly these
// methods; the backend validates arguments with the schemas here before any handler runs.
import type { z } from 'zod';
import { coreMethods, type CoreResults } from './core';
import { contactsMethods, type ContactsResults } from './contacts';
import { photosMethods, type PhotosResults } from './photos';
import { messagesMethods, type MessagesResults } from './messages';
import { readdMethods, type ReaddResults } from './readd';
import { bundlesMethods, type BundlesResults } from './bundles';
import { appealsMethods, type AppealsResults } from './appeals';

export * from './core';
export * from './contacts';
export * from './photos';
export * from './messages';
export * from './readd';
export * from './bundles';
export * from './appeals';
export * from './errors';

export const methods = {
  ...coreMethods,
  ...contactsMethods,
  ...photosMethods,
  ...messagesMethods,
  ...readdMethods,
  ...bundlesMethods,
  ...appealsMethods,
};

export type MethodName = keyof typeof methods;
export type Args<M extends MethodName> = z.input<(typeof methods)[M]>;
export type ParsedArgs<M extends MethodName> = z.output<(typeof methods)[M]>;
export type Results = CoreResults & ContactsResults & PhotosResults & MessagesResults & ReaddResults & BundlesResults & AppealsResults;
export type Result<M extends MethodName> = M extends keyof Results ? Results[M] : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
