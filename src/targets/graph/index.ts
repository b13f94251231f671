/**
 * The shared workbook on OneDrive/SharePoint through Microsoft Graph (DESIGN.md section 8).
 * The task pane uses `createGraphDestination` with a token source from `addinTokenSource`.
 */
export { createGraphDestination } from './destination';
export type {
  ChangeCounts,
  GraphDestination,
  GraphDestinationOptions,
  GraphPreview,
  GraphProgress,
  GraphPushOptions,
  GraphPushResult,
} from './destination';
export { GraphError, isGraphError } from './errors';
export type { GraphErrorReason } from './errors';
export {
  FILES_SCOPES,
  SITES_SCOPES,
  TokenUnavailableError,
  addinTokenSource,
  createTokenSource,
  msalProvider,
  officeSsoProvider,
} from './auth';
export type {
  MsalLike,
  MsalOptions,
  OfficeAuthLike,
  OfficeSsoOptions,
  TokenProvider,
  TokenSource,
} from './auth';
export type { FetchLike, GetToken, RetryPolicy, Sleep, TokenRequest } from './client';
export { DEFAULT_RETRY, GRAPH_BASE_URL } from './client';
export { encodeSharingUrl, isSharingLink } from './link';
export type { DriveItemRef, WorkbookRef } from './link';
export { redact } from './redact';
export { TABLES } from './workbook';
export { GRAPH_MESSAGES, GRAPH_PHASES, GRAPH_REASONS, GRAPH_TEXT, graphErrorMessage } from '../../i18n/graph';
export type { GraphPhase, Lang } from '../../i18n/graph';
