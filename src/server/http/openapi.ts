import { ErrorResponse } from '../../shared/contracts/common.js';

/** Response schemas for the error statuses a route can answer, for the OpenAPI document. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
